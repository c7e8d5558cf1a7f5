package notify_test

import (
	"context"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/service/notify"
)

// The weekly digest lists only the person's own open items, skips people
// with nothing open, and goes out once a week however often it runs.
func TestWeeklyDigestPerPersonSkippedWhenEmptyOncePerWeek(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.at(6) // Monday 7 Dec: Dülmen's implementation is due tomorrow
	n, err := f.svc.QueueDigests(ctx)
	if err != nil || n != 1 {
		t.Fatalf("digests: %d, %v; want 1 (Anna only: Bert and the KI have nothing open)", n, err)
	}
	anna := f.mails(t, "anna@duelmen.example")
	if len(anna) != 1 || anna[0].Kind != "digest" || !strings.Contains(anna[0].TextBody, "Dülmen – Integrationsplan") ||
		!strings.Contains(anna[0].TextBody, "1 Umsetzung in den nächsten 14 Tagen fällig") || strings.Contains(anna[0].TextBody, "Nottuln") {
		t.Errorf("Anna's digest: %+v", anna)
	}
	f.at(9)
	if n, _ := f.svc.QueueDigests(ctx); n != 0 {
		t.Errorf("second run in the same week: %d digests", n)
	}
	preview, err := f.settings.DigestPreview(ctx, f.bert)
	if err != nil || len(preview) != 0 {
		t.Errorf("Bert's preview: %+v %v, want empty", preview, err)
	}
	if p, _ := f.settings.DigestPreview(ctx, f.anna); len(p) != 1 || p[0].OrgName != "Dülmen" || p[0].Overdue != 1 {
		t.Errorf("Anna's preview: %+v", p)
	}
	// Next week, opted out: no digest, but the preview still shows what it would say.
	if err := f.settings.Save(ctx, f.anna, notify.SaveSettings{Language: "en", OptOuts: []string{"digest"}}); err != nil {
		t.Fatal(err)
	}
	f.at(13)
	if n, _ := f.svc.QueueDigests(ctx); n != 0 {
		t.Errorf("opted out: %d digests", n)
	}
	if p, _ := f.settings.DigestPreview(ctx, f.anna); len(p) != 1 {
		t.Errorf("the preview ignores the opt-out: %+v", p)
	}
}
