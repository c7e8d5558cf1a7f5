package seed

import (
	"fmt"
	"time"
)

// DemoOffer is one offer of the demo county's directory. Contacts are
// fictional: addresses at example.org, phone numbers from the range the
// Bundesnetzagentur keeps free for films and examples (030 23125 xxx).
type DemoOffer struct {
	Owner         string   // organisation slug; the county office for county-wide offers
	Towns         []string // towns served; empty: the whole county
	Title         string
	Description   string
	Provider      string
	Categories    []string
	Groups        []string
	Languages     []string
	Street, City  string
	Postcode      string
	Hours         []DemoSlot
	Appointment   bool
	Email, Phone  string
	Website       string
	Fees          string
	Eligibility   string
	StepFree      string
	Status        string
	State         string
	ConfirmedAt   time.Time
	MeasureCodes  []string
	TranslationEN *DemoText
}

// DemoSlot is an opening time: weekday 1 (Monday) … 7, "HH:MM".
type DemoSlot struct {
	Day      int
	From, To string
}

// DemoText is an offer's texts in another language.
type DemoText struct {
	Title, Description string
}

// demoTown is where a town's offers take place.
type demoTown struct {
	slug, name, postcode, street string
}

var demoTowns = []demoTown{
	{"ascheberg", "Ascheberg", "59387", "Dieningstraße 7"},
	{"billerbeck", "Billerbeck", "48727", "Markt 1"},
	{"coesfeld", "Coesfeld", "48653", "Markt 8"},
	{"duelmen", "Dülmen", "48249", "Overbergplatz 3"},
	{"havixbeck", "Havixbeck", "48329", "Willi-Richter-Platz 1"},
	{"luedinghausen", "Lüdinghausen", "59348", "Borg 2"},
	{"nordkirchen", "Nordkirchen", "59394", "Bohlenstraße 2"},
	{"nottuln", "Nottuln", "48301", "Stiftsplatz 7"},
	{"olfen", "Olfen", "59399", "Kirchstraße 5"},
	{"rosendahl", "Rosendahl", "48720", "Osterwicker Straße 1"},
	{"senden", "Senden", "48308", "Münsterstraße 30"},
}

// DemoOffers are the demo county's offers as of now: five in each of its
// eleven towns and ten county-wide, most published; some drafts, archived,
// closed for a while or ended; some not confirmed for over a year.
func DemoOffers(now time.Time) []DemoOffer {
	var out []DemoOffer
	for i, t := range demoTowns {
		out = append(out, townOffers(i, t, now)...)
	}
	return append(out, countyOffers(now)...)
}

// phone is the i-th fictional number of the reserved range.
func phone(i int) string { return fmt.Sprintf("030 23125 %03d", i) }

func townOffers(i int, t demoTown, now time.Time) []DemoOffer {
	mail := func(box string) string { return box + "." + t.slug + "@example.org" }
	recent := now.AddDate(0, -(i%5)-1, -i)
	stale := now.AddDate(-1, -1-i%3, 0)
	offers := []DemoOffer{
		{Title: "Sprachcafé " + t.name, Provider: "Ehrenamtsinitiative Willkommen in " + t.name,
			Description: "Einmal in der Woche Deutsch sprechen, Fragen des Alltags klären und Menschen kennenlernen. " +
				"Ohne Anmeldung, jedes Sprachniveau ist willkommen. Für Kinder gibt es eine Spielecke.",
			Categories: []string{"sprache", "freizeit"}, Groups: []string{"erwachsene", "gefluechtete"},
			Languages: []string{"de", "ar", "uk"}, Street: t.street, Hours: []DemoSlot{{3, "15:00", "17:00"}},
			Email: mail("sprachcafe"), Phone: phone(i*5 + 1), Fees: "kostenlos", StepFree: "yes",
			MeasureCodes: []string{"1.3.1"},
			TranslationEN: &DemoText{Title: "Language café " + t.name,
				Description: "Speak German once a week, ask everyday questions and meet people. No registration; every level is welcome."}},
		{Title: "Hausaufgabenhilfe für Grundschulkinder", Provider: "Offene Ganztagsschule " + t.name,
			Description: "Ehrenamtliche und Lehramtsstudierende helfen Kindern der Klassen 1 bis 4 bei den Hausaufgaben " +
				"und beim Lesenlernen. Eltern können nach Absprache dabei sein.",
			Categories: []string{"bildung", "familie"}, Groups: []string{"kinder", "familien"},
			Languages: []string{"de", "tr"}, Street: "Schulstraße 12",
			Hours: []DemoSlot{{1, "14:00", "15:30"}, {2, "14:00", "15:30"}, {4, "14:00", "15:30"}},
			Email: mail("hausaufgaben"), Phone: phone(i*5 + 2), Fees: "kostenlos", StepFree: "unknown",
			Eligibility: "Kinder, die eine Grundschule in " + t.name + " besuchen."},
		{Title: "Frauentreff International", Provider: "Familienzentrum " + t.name,
			Description: "Ein offener Treffpunkt für Frauen aus aller Welt: gemeinsam kochen, nähen, Ausflüge planen " +
				"und sich über Schule, Gesundheit und Arbeit austauschen. Kinderbetreuung während des Treffens.",
			Categories: []string{"freizeit", "familie"}, Groups: []string{"frauen"},
			Languages: []string{"de", "ar", "fa", "tr"}, Street: "Kirchplatz 4", Hours: []DemoSlot{{5, "09:30", "11:30"}},
			Email: mail("frauentreff"), Phone: phone(i*5 + 3), Fees: "kostenlos", StepFree: "yes"},
		{Title: "Sozialberatung im Rathaus", Provider: "Stadt- und Gemeindeverwaltung " + t.name,
			Description: "Beratung zu Anträgen, Wohnungssuche, Schreiben von Behörden und Leistungen für Familien. " +
				"Bei Bedarf wird eine Sprachmittlung organisiert.",
			Categories: []string{"beratung", "wohnen"}, Groups: []string{"erwachsene", "familien", "gefluechtete"},
			Languages: []string{"de", "en"}, Street: t.street, Hours: []DemoSlot{{2, "09:00", "12:00"}, {4, "14:00", "17:00"}},
			Appointment: true, Email: mail("integration"), Phone: phone(i*5 + 4), Fees: "kostenlos", StepFree: "yes",
			MeasureCodes: []string{"1.4.1"}},
		{Title: "Sprachpatenschaften", Provider: "Ehrenamtsbüro " + t.name,
			Description: "Wir vermitteln Tandems: Eine ehrenamtliche Patin oder ein Pate trifft sich regelmäßig mit einer " +
				"Person, die Deutsch lernt – zum Üben, für Behördengänge oder einfach zum Reden.",
			Categories: []string{"sprache"}, Groups: []string{"erwachsene", "ehrenamtliche"},
			Languages: []string{"de", "ru", "uk"}, Street: t.street, Appointment: true,
			Email: mail("ehrenamt"), Phone: phone(i*5 + 5), Fees: "kostenlos", StepFree: "no",
			MeasureCodes: []string{"1.3.2"}},
	}
	for j := range offers {
		o := &offers[j]
		o.Owner, o.Towns, o.City, o.Postcode = t.slug, []string{t.slug}, t.name, t.postcode
		o.Status, o.State, o.ConfirmedAt = "active", "published", recent
		if (i+j)%7 == 0 {
			o.ConfirmedAt = stale // not confirmed for more than a year
		}
	}
	switch i % 4 {
	case 0:
		offers[4].State = "draft"
	case 1:
		offers[2].Status = "temporarily_closed"
	case 2:
		offers[1].State = "archived"
	}
	return offers
}
