package postgres_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestOfferSearchTypoCorrection: a misspelt word is corrected against the
// words offers are found by; the other words of the query still have to
// match, a correction finds no draft, a renamed offer is found by its new
// words misspelt, and hostile text is only words.
func TestOfferSearchTypoCorrection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pub := domain.OfferPublished
	f.addOffer(t, f.olfen, domain.OfferFields{Title: "Kochtreff international", Provider: "Familienzentrum",
		TownIDs: []int64{f.olfen}}, pub)
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Kochtreff für Männer", Provider: "Caritas",
		TownIDs: []int64{f.duelmen}}, pub)
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Sprachcafé", Provider: "Stadtbücherei",
		TownIDs: []int64{f.duelmen}}, pub)
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Nähwerkstatt", Provider: "Ehrenamt"}, domain.OfferDraft)
	renamed := f.addOffer(t, f.olfen, domain.OfferFields{Title: "Fahrradkurs", Provider: "ADFC",
		TownIDs: []int64{f.olfen}}, pub)
	fields := renamed.OfferFields
	fields.Title = "Schwimmkurs für Frauen"
	if _, err := f.db.UpdateOffer(ctx, &f.actor, key(renamed), renamed.Version, fields); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		q    domain.OfferQuery
		want []string
	}{
		{"one word misspelt, the other as typed", domain.OfferQuery{Text: "Kochtref international"},
			[]string{"Kochtreff international"}},
		{"misspelt at the end and in the middle", domain.OfferQuery{Text: "Kochtreff internatoinal"},
			[]string{"Kochtreff international"}},
		{"a correction with a filter", domain.OfferQuery{Text: "Kochtrefff", Town: "duelmen"},
			[]string{"Kochtreff für Männer"}},
		{"a misspelt provider", domain.OfferQuery{Text: "Stadtbücherai"}, []string{"Sprachcafé"}},
		{"no correction finds a draft", domain.OfferQuery{Text: "Nähwerkstat"}, nil},
		{"a new title, misspelt", domain.OfferQuery{Text: "Schwimkurs"}, []string{"Schwimmkurs für Frauen"}},
		{"the old title is gone", domain.OfferQuery{Text: "Fahrradkurs"}, nil},
		{"unrelated words are not corrections", domain.OfferQuery{Text: "Sprachkurse"}, nil},
		{"tsquery syntax is only text", domain.OfferQuery{Text: `Koch'tref:* | !( & ) <-> \`}, nil},
		{"nothing but punctuation", domain.OfferQuery{Text: `'"!|&()`}, nil},
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
