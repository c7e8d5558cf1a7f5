package offer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/offer"
	"github.com/planwerk/planwerk/internal/testdb"
)

// linkFixture: a county with Dülmen, a published offer of Dülmen confirmed
// two years ago, and the service on a clock the test moves.
type linkFixture struct {
	db    *postgres.DB
	svc   *offer.Service
	now   *time.Time
	scope domain.PlanScope
	offer domain.Offer
}

func newLinkFixture(t *testing.T) linkFixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.New(t)
	db := postgres.NewDB(pool)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	f := linkFixture{db: db, now: &now}
	f.svc = offer.New(db, func() time.Time { return *f.now }, offer.Settings{Secret: []byte("test-secret"),
		LinkValidity: 14 * 24 * time.Hour})
	var county, town, plan int64
	for _, q := range []struct {
		dst *int64
		sql string
	}{{&county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`},
		{&town, `INSERT INTO organisations (slug, name, kind, parent_id) SELECT 'duelmen', 'Dülmen', 'municipality', id FROM organisations WHERE slug = 'kreis' RETURNING id`},
		{&plan, `INSERT INTO plans (owner_id, slug, title) SELECT id, 'plan', 'Plan' FROM organisations WHERE slug = 'kreis' RETURNING id`}} {
		if err := pool.QueryRow(ctx, q.sql).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	f.scope = domain.PlanScope{Plan: domain.Plan{ID: plan}, County: domain.Organisation{ID: county, Kind: domain.OrgCounty},
		Org: domain.Organisation{ID: town, Kind: domain.OrgMunicipality, Slug: "duelmen"}}
	o, err := f.svc.Create(ctx, domain.Actor{}, f.scope, domain.OfferFields{Title: "Sprachcafé", Provider: "Caritas",
		StepFree: "unknown", Status: domain.OfferActive})
	if err != nil {
		t.Fatal(err)
	}
	if o, err = f.svc.SetState(ctx, domain.Actor{}, f.scope, o.ID, o.Version, domain.OfferPublished); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE offers SET confirmed_at = $1`, now.AddDate(-2, 0, 0)); err != nil {
		t.Fatal(err)
	}
	f.offer = o
	return f
}

func (f linkFixture) issue(t *testing.T) string {
	t.Helper()
	token, err := f.svc.IssueLink(context.Background(), domain.Actor{}, f.scope, f.offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func wantRefused(t *testing.T, what string, err error, key string) {
	t.Helper()
	var de *domain.Error
	if !asDomain(err, &de) || de.Key != key {
		t.Errorf("%s: %v, want %s", what, err, key)
	}
}

func asDomain(err error, de **domain.Error) bool {
	e, ok := err.(*domain.Error)
	if ok {
		*de = e
	}
	return ok
}

// TestConfirmationLinks: a link confirms once; a used, expired, revoked or
// tampered link is refused, each with its reason (tampered: not found).
func TestConfirmationLinks(t *testing.T) {
	f := newLinkFixture(t)
	ctx := context.Background()
	yes := domain.ConfirmationAnswer{Answer: domain.AnswerConfirmed}

	token := f.issue(t)
	if err := f.svc.Answer(ctx, token, yes); err != nil {
		t.Fatalf("first answer: %v", err)
	}
	got, err := f.svc.Get(ctx, f.scope, f.offer.ID)
	if err != nil || !got.ConfirmedAt.Equal(*f.now) {
		t.Errorf("confirmed at %v (%v), want %v", got.ConfirmedAt, err, *f.now)
	}
	wantRefused(t, "reused", f.svc.Answer(ctx, token, yes), "offer.link.used")

	expiring := f.issue(t)
	*f.now = f.now.Add(15 * 24 * time.Hour)
	wantRefused(t, "expired", f.svc.Answer(ctx, expiring, yes), "offer.link.expired")

	revoked := f.issue(t)
	links, err := f.svc.Links(ctx, f.scope, f.offer.ID)
	if err != nil || len(links) != 3 {
		t.Fatalf("links: %v, %d", err, len(links))
	}
	if err := f.svc.RevokeLink(ctx, domain.Actor{}, f.scope, f.offer.ID, links[0].ID); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, "revoked", f.svc.Answer(ctx, revoked, yes), "offer.link.revoked")

	fresh := f.issue(t)
	parts := strings.Split(fresh, ".")
	for name, bad := range map[string]string{
		"other id":      "1." + parts[1] + "." + parts[2],
		"later expiry":  parts[0] + ".9999999999." + parts[2],
		"bad signature": parts[0] + "." + parts[1] + ".AAAA" + parts[2][4:],
		"garbage":       "<script>",
		"empty":         "",
	} {
		wantRefused(t, "tampered: "+name, f.svc.Answer(ctx, bad, yes), "offer.link.unknown")
	}
	other := offer.New(f.db, func() time.Time { return *f.now }, offer.Settings{Secret: []byte("another secret")})
	if _, err := other.OpenLink(ctx, fresh); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a link signed with another secret: %v, want not found", err)
	}
	if err := f.svc.Answer(ctx, fresh, yes); err != nil {
		t.Errorf("the untouched link: %v", err)
	}
}

// TestConfirmationAnswers: "needs a change" becomes a task and needs a
// text; "has ended" ends the offer, which leaves the directory.
func TestConfirmationAnswers(t *testing.T) {
	f := newLinkFixture(t)
	ctx := context.Background()
	token := f.issue(t)
	err := f.svc.Answer(ctx, token, domain.ConfirmationAnswer{Answer: domain.AnswerChange, Text: "  "})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a change without text: %v, want invalid", err)
	}
	if err := f.svc.Answer(ctx, token, domain.ConfirmationAnswer{Answer: domain.AnswerChange,
		Text: "Neue Zeiten: dienstags"}); err != nil {
		t.Fatal(err)
	}
	o, _ := f.svc.Get(ctx, f.scope, f.offer.ID)
	if o.OpenTasks != 1 || !o.Unconfirmed(*f.now, f.svc.UnconfirmedAfter()) {
		t.Errorf("after a change request: %d open tasks, unconfirmed %v; want 1 and still unconfirmed",
			o.OpenTasks, o.Unconfirmed(*f.now, f.svc.UnconfirmedAfter()))
	}
	links, _ := f.svc.Links(ctx, f.scope, f.offer.ID)
	if err := f.svc.CloseTask(ctx, domain.Actor{}, f.scope, f.offer.ID, links[0].ID); err != nil {
		t.Fatal(err)
	}
	if o, _ = f.svc.Get(ctx, f.scope, f.offer.ID); o.OpenTasks != 0 {
		t.Errorf("task done: %d open tasks", o.OpenTasks)
	}
	if err := f.svc.Answer(ctx, f.issue(t), domain.ConfirmationAnswer{Answer: domain.AnswerEnded}); err != nil {
		t.Fatal(err)
	}
	o, _ = f.svc.Get(ctx, f.scope, f.offer.ID)
	if o.Status != domain.OfferEnded || o.Public() {
		t.Errorf("after 'has ended': status %s, public %v", o.Status, o.Public())
	}
	res, err := f.svc.Search(ctx, domain.OfferQuery{Text: "Sprachcafé"})
	if err != nil || res.Total != 0 {
		t.Errorf("ended offer still found: %v, %d", err, res.Total)
	}
}
