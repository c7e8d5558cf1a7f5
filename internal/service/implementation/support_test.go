package implementation_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestSupportRequestAndAnswerFollowTheWorkflow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ki := domain.Actor{} // the system may answer too; the audit shows no user
	impl, err := f.svc.RequestSupport(ctx, f.actor, f.key, 1, "  Wir brauchen Dolmetscher.\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if impl.Support != domain.SupportRequested || impl.SupportRequest != "Wir brauchen Dolmetscher." {
		t.Fatalf("after the request: %+v", impl)
	}
	// A second request while one is open is not a step the workflow allows.
	if _, err := f.svc.RequestSupport(ctx, f.actor, f.key, impl.Version, "Noch eine"); domain.ErrorCode(err) != domain.CodeConflict {
		t.Errorf("second request: %v, want a conflict", err)
	}
	// Declining needs a reason, at its field.
	if _, err := f.svc.AnswerSupport(ctx, ki, f.key, impl.Version, domain.SupportDeclined, " "); fieldsOf(err)[domain.FieldSupportResponse] == "" {
		t.Errorf("decline without reason: %v, want a refusal at %s", err, domain.FieldSupportResponse)
	}
	// From an old version: stale, with what is stored.
	if stored, err := f.svc.AnswerSupport(ctx, ki, f.key, 1, domain.SupportAccepted, ""); !errors.Is(err, domain.ErrStaleVersion) || stored.Version != impl.Version {
		t.Errorf("stale answer: %v, %+v", err, stored)
	}
	accepted, err := f.svc.AnswerSupport(ctx, ki, f.key, impl.Version, domain.SupportAccepted, "Wir melden uns.")
	if err != nil || accepted.Support != domain.SupportAccepted || accepted.SupportResponse != "Wir melden uns." {
		t.Fatalf("accept: %+v, %v", accepted, err)
	}
	// The choices a page offers follow the same table.
	choices := domain.ChoicesOf(accepted, true, true)
	if choices.CanRequest || !slices.Equal(choices.Answers, []domain.Support{domain.SupportDone}) {
		t.Errorf("choices after acceptance: %+v", choices)
	}
	if c := domain.ChoicesOf(accepted, false, false); c.CanRequest || c.Answers != nil || c.MayRequest {
		t.Errorf("choices of someone who may do nothing: %+v", c)
	}
}
