package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// addOffer creates an offer of owner and brings it to state.
func (f fixture) addOffer(t *testing.T, owner int64, fields domain.OfferFields, state domain.OfferState) domain.Offer {
	t.Helper()
	ctx := context.Background()
	if fields.StepFree == "" {
		fields.StepFree = "unknown"
	}
	if fields.Status == "" {
		fields.Status = domain.OfferActive
	}
	o, err := f.db.CreateOffer(ctx, &f.actor, f.county, owner, fields)
	if err != nil {
		t.Fatalf("create offer %q: %v", fields.Title, err)
	}
	steps := map[domain.OfferState][]domain.OfferState{domain.OfferPublished: {domain.OfferPublished},
		domain.OfferArchived: {domain.OfferArchived}}
	for _, s := range steps[state] {
		if o, err = f.db.SetOfferState(ctx, &f.actor, key(o), o.Version, s); err != nil {
			t.Fatalf("offer %q to %s: %v", fields.Title, s, err)
		}
	}
	return o
}

func key(o domain.Offer) domain.OfferKey {
	return domain.OfferKey{CountyID: o.CountyID, OwnerOrgID: o.OwnerOrgID, ID: o.ID}
}

func titlesOf(t *testing.T, f fixture, q domain.OfferQuery) []string {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 50
	}
	res, err := f.db.SearchOffers(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	titles := make([]string, len(res.Offers))
	for i, o := range res.Offers {
		titles[i] = o.Title
	}
	if res.Total < len(titles) {
		t.Errorf("search %+v: total %d below the %d shown", q, res.Total, len(titles))
	}
	return titles
}

// TestOfferSearchQuality: stemming, umlauts both ways, typos, filters that
// combine, and a ranking that puts the title hit first.
func TestOfferSearchQuality(t *testing.T) {
	f := newFixture(t)
	pub := domain.OfferPublished
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachkurs für Frauen", Provider: "VHS Dülmen",
		Categories: []string{"sprache"}, TargetGroups: []string{"frauen"}, Languages: []string{"de", "ar"},
		TownIDs: []int64{f.duelmen}}, pub)
	f.addOffer(t, f.olfen, domain.OfferFields{Title: "Hausaufgabenhilfe", Provider: "Caritas",
		Description: "Hilfe bei Hausaufgaben und Sprachkursen für Kinder.", Categories: []string{"bildung"},
		TargetGroups: []string{"kinder"}, Languages: []string{"de"}, TownIDs: []int64{f.olfen}}, pub)
	f.addOffer(t, f.county, domain.OfferFields{Title: "Migrationsberatung für Erwachsene", Provider: "Diakonie",
		Categories: []string{"beratung"}, TargetGroups: []string{"erwachsene"}, Languages: []string{"de", "uk"}}, pub)
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Straßenfest der Kulturen", Provider: "Stadt Dülmen",
		Categories: []string{"freizeit"}, TownIDs: []int64{f.duelmen}}, pub)

	cases := []struct {
		name string
		q    domain.OfferQuery
		want []string
	}{
		{"stemming ranks the title hit first", domain.OfferQuery{Text: "Sprachkurse"},
			[]string{"Sprachkurs für Frauen", "Hausaufgabenhilfe"}},
		{"ue finds ü", domain.OfferQuery{Text: "Duelmen"}, []string{"Sprachkurs für Frauen", "Straßenfest der Kulturen"}},
		{"u finds ü", domain.OfferQuery{Text: "dulmen"}, []string{"Sprachkurs für Frauen", "Straßenfest der Kulturen"}},
		{"ss finds ß", domain.OfferQuery{Text: "strassenfest"}, []string{"Straßenfest der Kulturen"}},
		{"a typo", domain.OfferQuery{Text: "Hausaufgabenhlife"}, []string{"Hausaufgabenhilfe"}},
		{"another typo", domain.OfferQuery{Text: "Migrazionsberatung"}, []string{"Migrationsberatung für Erwachsene"}},
		{"a town finds its own and the county-wide offers", domain.OfferQuery{Town: "olfen"},
			[]string{"Hausaufgabenhilfe", "Migrationsberatung für Erwachsene"}},
		{"filters combine with AND", domain.OfferQuery{Town: "duelmen", Category: "sprache", Language: "ar"},
			[]string{"Sprachkurs für Frauen"}},
		{"a filter that excludes", domain.OfferQuery{Town: "duelmen", Category: "sprache", Language: "uk"}, nil},
		{"words and a filter", domain.OfferQuery{Text: "Sprachkurs", TargetGroup: "kinder"}, []string{"Hausaufgabenhilfe"}},
		{"nothing", domain.OfferQuery{Text: "Schwimmbad"}, nil},
	}
	for _, c := range cases {
		got := titlesOf(t, f, c.q)
		if len(got) != len(c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
				break
			}
		}
	}
}

// TestOfferVisibility: only published offers that have not ended are found,
// by search or by public id.
func TestOfferVisibility(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	draft := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachcafé Entwurf", Provider: "P"}, domain.OfferDraft)
	archived := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachcafé Archiv", Provider: "P"}, domain.OfferArchived)
	ended := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachcafé beendet", Provider: "P",
		Status: domain.OfferEnded}, domain.OfferPublished)
	closed := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachcafé Pause", Provider: "P",
		Status: domain.OfferTemporarilyClosed}, domain.OfferPublished)
	if got := titlesOf(t, f, domain.OfferQuery{Text: "Sprachcafé"}); len(got) != 1 || got[0] != closed.Title {
		t.Errorf("search found %q, want only the temporarily closed published offer", got)
	}
	for _, o := range []domain.Offer{draft, archived} {
		if _, err := f.db.FindPublicOffer(ctx, o.PublicID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("%s by public id: %v, want not found", o.Title, err)
		}
	}
	// An ended offer's page says so (the handler answers 410); it is not listed.
	if o, err := f.db.FindPublicOffer(ctx, ended.PublicID); err != nil || o.Public() {
		t.Errorf("ended offer: %v, public %v", err, o.Public())
	}
	// Withdrawn again: gone from the directory.
	if _, err := f.db.SetOfferState(ctx, &f.actor, key(closed), closed.Version, domain.OfferDraft); err != nil {
		t.Fatal(err)
	}
	if got := titlesOf(t, f, domain.OfferQuery{Text: "Sprachcafé"}); len(got) != 0 {
		t.Errorf("after withdrawing: %q", got)
	}
}

// TestOfferUpdateConflictAndAudit: a save from an old version is refused as
// stale; a save records what changed and marks the German text changed.
func TestOfferUpdateConflictAndAudit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	o := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Frauentreff", Provider: "Familienzentrum",
		TownIDs: []int64{f.duelmen}}, domain.OfferDraft)
	fields := o.OfferFields
	fields.Description = "Jeden Mittwoch."
	updated, err := f.db.UpdateOffer(ctx, &f.actor, key(o), o.Version, fields)
	if err != nil {
		t.Fatal(err)
	}
	if !updated.TextChangedAt.After(o.TextChangedAt) {
		t.Error("a new description did not mark the text changed")
	}
	if _, err := f.db.UpdateOffer(ctx, &f.actor, key(o), o.Version, fields); !errors.Is(err, domain.ErrStaleVersion) {
		t.Errorf("save from an old version: %v, want stale", err)
	}
	events, err := f.db.FindAuditEvents(ctx, f.duelmen, "offer", o.ID)
	if err != nil || len(events) != 2 {
		t.Fatalf("audit: %v, %d events", err, len(events))
	}
	if _, ok := events[0].Changes["Description"]; !ok || len(events[0].Changes) != 1 {
		t.Errorf("update recorded %v, want only Description", events[0].Changes)
	}
	other := fields
	other.TownIDs = []int64{999999}
	if _, err := f.db.UpdateOffer(ctx, &f.actor, key(updated), updated.Version, other); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a town outside the county: %v, want invalid", err)
	}
	wrongOwner := key(updated)
	wrongOwner.OwnerOrgID = f.olfen
	if _, err := f.db.FindOffer(ctx, wrongOwner); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("offer at another town's address: %v, want not found", err)
	}
}
