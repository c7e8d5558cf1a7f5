package domain

import "testing"

func TestOfferCategoryCodeSpellsGermanNamesPlainly(t *testing.T) {
	for name, want := range map[string]string{
		"Gesundheit & Pflege":       "gesundheit-pflege",
		"Mobilität":                 "mobilitaet",
		"Straße und Öffentlichkeit": "strasse-und-oeffentlichkeit",
		"  Café für Ältere ":        "cafe-fuer-aeltere",
		"Ausbildung / Beruf (Ü25)":  "ausbildung-beruf-ue25",
		"§§§":                       "",
		"Ein sehr langer Name für ein Thema mit vielen Wörtern": "ein-sehr-langer-name-fuer-ein-th",
	} {
		if got := OfferCategoryCode(name); got != want {
			t.Errorf("OfferCategoryCode(%q) = %q, want %q", name, got, want)
		}
	}
}
