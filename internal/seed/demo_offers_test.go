package seed_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// TestDemoOffers: at least 60 offers across all eleven towns, valid by the
// offer rules, with fictional contacts only, several languages, some not
// confirmed for a year, and every publication state and status shown.
func TestDemoOffers(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	offers := seed.DemoOffers(now)
	if len(offers) < 60 {
		t.Errorf("%d demo offers, want at least 60", len(offers))
	}
	towns, langs, states, statuses := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	stale := 0
	for _, o := range offers {
		for _, tw := range o.Towns {
			towns[tw] = true
		}
		for _, l := range o.Languages {
			langs[l] = true
		}
		states[o.State], statuses[o.Status] = true, true
		if now.Sub(o.ConfirmedAt) > 365*24*time.Hour {
			stale++
		}
		if o.Email != "" && !strings.HasSuffix(o.Email, "@example.org") {
			t.Errorf("%s: e-mail %s is not fictional", o.Title, o.Email)
		}
		if o.Phone != "" && !strings.HasPrefix(o.Phone, "030 23125 ") {
			t.Errorf("%s: phone %s is not from the reserved range", o.Title, o.Phone)
		}
		if o.Website != "" && !strings.Contains(o.Website, "example.org") {
			t.Errorf("%s: website %s is not fictional", o.Title, o.Website)
		}
		_, err := domain.CheckOffer(domain.OfferFields{Title: o.Title, Provider: o.Provider, Description: o.Description,
			Categories: o.Categories, TargetGroups: o.Groups, Languages: o.Languages, Street: o.Street,
			Postcode: o.Postcode, City: o.City, ContactEmail: o.Email, ContactPhone: o.Phone, Website: o.Website,
			Fees: o.Fees, Eligibility: o.Eligibility, StepFree: domain.StepFree(o.StepFree),
			Status: domain.OfferStatus(o.Status)})
		if err != nil {
			t.Errorf("%s: %v", o.Title, err)
		}
	}
	if len(towns) != 11 {
		t.Errorf("offers in %d towns, want 11", len(towns))
	}
	if len(langs) < 8 || stale < 5 {
		t.Errorf("%d languages, %d offers unconfirmed for a year; want several of each", len(langs), stale)
	}
	for _, s := range []string{"draft", "published", "archived"} {
		if !states[s] {
			t.Errorf("no demo offer in state %s", s)
		}
	}
	for _, s := range []string{"active", "temporarily_closed", "ended"} {
		if !statuses[s] {
			t.Errorf("no demo offer with status %s", s)
		}
	}
	if !slices.ContainsFunc(offers, func(o seed.DemoOffer) bool { return len(o.Towns) == 0 }) {
		t.Error("no county-wide demo offer")
	}
}
