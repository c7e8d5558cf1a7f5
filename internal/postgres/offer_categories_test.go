package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func codesOf(l domain.OfferCategoryList) []string {
	var out []string
	for _, c := range l {
		out = append(out, c.Code)
	}
	return out
}

// TestEveryCountyStartsWithTheDefaultThemes: a county created after the
// migration gets the eight themes too, in their order.
func TestEveryCountyStartsWithTheDefaultThemes(t *testing.T) {
	f := newFixture(t)
	list, err := f.db.FindOfferCategories(context.Background(), f.county)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"sprache", "bildung", "arbeit", "wohnen", "gesundheit", "beratung", "familie", "freizeit"}
	if got := codesOf(list); len(got) != len(want) || got[0] != want[0] || got[7] != want[7] {
		t.Errorf("themes %v, want %v", got, want)
	}
	if list[6].Label("de") != "Kinder und Familie" || list[6].Label("en") != "Children and family" {
		t.Errorf("names of familie: %q / %q", list[6].LabelDE, list[6].LabelEN)
	}
}

// TestThemePositionsStayAContiguousOrder: adding at a place and moving up
// and down keep the places 1…n without gaps or doubles; each change is in
// the audit log; a save from an old version is refused.
func TestThemePositionsStayAContiguousOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	added, err := f.db.CreateOfferCategory(ctx, &f.actor, f.county, domain.OfferCategoryFields{LabelDE: "Mobilität", Position: 2})
	if err != nil {
		t.Fatal(err)
	}
	if added.Code != "mobilitaet" || added.Position != 2 {
		t.Errorf("added %q at %d", added.Code, added.Position)
	}
	moved, err := f.db.UpdateOfferCategory(ctx, &f.actor, f.county, "sprache", 1,
		domain.OfferCategoryFields{LabelDE: "Sprache", Position: 9})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Position != 9 || moved.Version != 2 {
		t.Errorf("moved to %d, version %d", moved.Position, moved.Version)
	}
	if _, err := f.db.UpdateOfferCategory(ctx, &f.actor, f.county, "freizeit", 1,
		domain.OfferCategoryFields{LabelDE: "Freizeit", Position: 1}); err != nil {
		t.Fatal(err)
	}
	list, _ := f.db.FindOfferCategories(ctx, f.county)
	want := []string{"freizeit", "mobilitaet", "bildung", "arbeit", "wohnen", "gesundheit", "beratung", "familie", "sprache"}
	for i, c := range list {
		if c.Position != i+1 || c.Code != want[i] {
			t.Errorf("place %d: %s at %d, want %s", i+1, c.Code, c.Position, want[i])
		}
	}
	_, err = f.db.UpdateOfferCategory(ctx, &f.actor, f.county, "sprache", 1, domain.OfferCategoryFields{LabelDE: "X"})
	if !errors.Is(err, domain.ErrStaleVersion) {
		t.Errorf("save from an old version: %v", err)
	}
	var events int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'offer_category'`).Scan(&events); err != nil || events != 3 {
		t.Errorf("audit events %d (%v), want 3", events, err)
	}
}

// TestHiddenThemeStaysOnTheOffersThatHaveIt: a hidden theme cannot be
// given to an offer, but an offer that has it keeps it through a save.
func TestHiddenThemeStaysOnTheOffersThatHaveIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	o := f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Wohnungshilfe", Provider: "Stadt", Categories: []string{"wohnen"},
		TownIDs: []int64{f.duelmen}}, domain.OfferPublished)
	if _, err := f.db.UpdateOfferCategory(ctx, &f.actor, f.county, "wohnen", 1,
		domain.OfferCategoryFields{LabelDE: "Wohnen", Hidden: true}); err != nil {
		t.Fatal(err)
	}
	fields := o.OfferFields
	fields.Title = "Wohnungshilfe Dülmen"
	saved, err := f.db.UpdateOffer(ctx, &f.actor, key(o), o.Version, fields)
	if err != nil {
		t.Fatalf("saving an offer that has the hidden theme: %v", err)
	}
	if len(saved.CategoryNames) != 1 || saved.CategoryNames[0].LabelDE != "Wohnen" {
		t.Errorf("names of the saved offer's themes: %+v", saved.CategoryNames)
	}
	_, err = f.db.CreateOffer(ctx, &f.actor, f.county, f.duelmen, domain.OfferFields{Title: "Neu", Provider: "P",
		Categories: []string{"wohnen"}, StepFree: "unknown", Status: domain.OfferActive})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a new offer with the hidden theme: %v", err)
	}
	dir, err := f.db.FindDirectoryCategories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dir.Find("wohnen"); ok || len(dir) != 7 {
		t.Errorf("directory themes %v: the hidden one listed, or not the other seven", codesOf(dir))
	}
}
