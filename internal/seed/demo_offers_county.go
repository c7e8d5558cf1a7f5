package seed

import "time"

// countyOffers are the county-wide offers the KI maintains.
func countyOffers(now time.Time) []DemoOffer {
	confirmed := now.AddDate(0, -2, 0)
	offers := []DemoOffer{
		{Title: "Integrationskurs mit Kinderbetreuung", Provider: "Bildungswerk Kreis Coesfeld",
			Description: "Allgemeiner Integrationskurs (600 Stunden Sprachkurs und 100 Stunden Orientierungskurs) " +
				"am Vormittag. Während des Unterrichts werden Kinder unter drei Jahren im Haus betreut.",
			Categories: []string{"sprache", "bildung"}, Groups: []string{"erwachsene", "familien"},
			Languages: []string{"de"}, Street: "Bahnhofstraße 20", Postcode: "48653", City: "Coesfeld",
			Hours: []DemoSlot{{1, "08:30", "12:45"}, {2, "08:30", "12:45"}, {3, "08:30", "12:45"}, {4, "08:30", "12:45"}},
			Email: "integrationskurs@example.org", Phone: phone(101), Fees: "Kostenbeitrag nach Bescheid des BAMF, oft befreit",
			Eligibility: "Mit Berechtigung oder Verpflichtung zum Integrationskurs.", StepFree: "yes",
			MeasureCodes: []string{"1.2.1", "1.2.2"},
			TranslationEN: &DemoText{Title: "Integration course with childcare",
				Description: "General integration course in the mornings; children under three are looked after in the building."}},
		{Title: "Migrationsberatung für Erwachsene (MBE)", Provider: "Caritas-Beratungsdienst (Beispiel)",
			Description: "Persönliche Beratung für Zugewanderte ab 27 Jahren: Aufenthalt, Arbeit, Anerkennung, Wohnen, " +
				"Gesundheit und Familie. Vertraulich und auf Wunsch mit Sprachmittlung.",
			Categories: []string{"beratung"}, Groups: []string{"erwachsene", "gefluechtete"},
			Languages: []string{"de", "en", "ar", "ru"}, Street: "Kupferstraße 5", Postcode: "48249", City: "Dülmen",
			Hours: []DemoSlot{{2, "09:00", "12:00"}, {4, "13:00", "16:00"}}, Appointment: true,
			Email: "mbe@example.org", Phone: phone(102), Fees: "kostenlos", StepFree: "yes"},
		{Title: "Jugendmigrationsdienst", Provider: "Diakonie-Jugendhilfe (Beispiel)",
			Description: "Begleitung junger Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Sprachkurse, Bewerbungen " +
				"und alles, was beim Ankommen schwierig ist.",
			Categories: []string{"beratung", "bildung", "arbeit"}, Groups: []string{"jugendliche"},
			Languages: []string{"de", "en", "fa", "uk"}, Street: "Ritterstraße 3", Postcode: "59348", City: "Lüdinghausen",
			Hours: []DemoSlot{{1, "10:00", "16:00"}, {3, "10:00", "16:00"}}, Appointment: true,
			Email: "jmd@example.org", Phone: phone(103), Website: "https://jmd.example.org", Fees: "kostenlos", StepFree: "yes"},
		{Title: "Beratung zur Anerkennung ausländischer Abschlüsse", Provider: "IQ-Anerkennungsberatung (Beispiel)",
			Description: "Welche Stelle ist zuständig, welche Unterlagen brauche ich, was kostet das Verfahren? " +
				"Wir beraten zu Berufs- und Studienabschlüssen und begleiten durch die Anerkennung.",
			Categories: []string{"beratung", "arbeit"}, Groups: []string{"erwachsene", "fachkraefte"},
			Languages: []string{"de", "en", "ar", "tr", "ru"}, Appointment: true,
			Email: "anerkennung@example.org", Phone: phone(104), Website: "https://anerkennung.example.org",
			Fees: "kostenlos", StepFree: "unknown", MeasureCodes: []string{"3.2.2"}},
		{Title: "Sprachmittlerpool des Kreises", Provider: "Kreis Coesfeld – Kommunales Integrationszentrum",
			Description: "Verwaltungen, Schulen, Kitas und Beratungsstellen fragen Sprachmittlerinnen und Sprachmittler " +
				"für Gespräche an. Über 30 Sprachen, auch kurzfristig.",
			Categories: []string{"beratung", "sprache"}, Groups: []string{"familien", "erwachsene"},
			Languages: []string{"ar", "fa", "ku", "ti", "uk", "ru", "tr", "so", "ps"}, Appointment: true,
			Email: "sprachmittlung@example.org", Phone: phone(105), Fees: "für Anfragende kostenlos", StepFree: "unknown",
			MeasureCodes: []string{"1.4.1"}},
		{Title: "Gesundheitslotsinnen und -lotsen", Provider: "Gesundheitsamt Kreis Coesfeld (Beispiel)",
			Description: "Geschulte Lotsinnen und Lotsen erklären in der Muttersprache, wie das Gesundheitssystem " +
				"funktioniert: Hausarzt, Vorsorge, Impfungen, Krankenversicherung.",
			Categories: []string{"gesundheit"}, Groups: []string{"erwachsene", "familien", "frauen"},
			Languages: []string{"de", "ar", "tr", "ru", "uk"}, Street: "Schützenwall 18", Postcode: "48653", City: "Coesfeld",
			Hours: []DemoSlot{{3, "14:00", "17:00"}}, Email: "gesundheit@example.org", Phone: phone(106), Fees: "kostenlos",
			StepFree: "yes"},
		{Title: "Jobcafé für Geflüchtete", Provider: "Netzwerk Arbeit und Integration (Beispiel)",
			Description: "Lebenslauf schreiben, Stellen suchen, Praktika finden: Einmal im Monat mit Betrieben aus der Region.",
			Categories:  []string{"arbeit"}, Groups: []string{"gefluechtete", "erwachsene"},
			Languages: []string{"de", "en", "ar"}, Street: "Bahnhofstraße 20", Postcode: "48653", City: "Coesfeld",
			Hours: []DemoSlot{{4, "16:00", "18:00"}}, Email: "jobcafe@example.org", Phone: phone(107), Fees: "kostenlos",
			StepFree: "yes"},
		{Title: "Wohnraumberatung und Mietführerschein", Provider: "Mieterverein im Kreis (Beispiel)",
			Description: "Kurs in vier Terminen: Mietvertrag, Nebenkosten, Heizen und Lüften, Rechte und Pflichten. " +
				"Wer teilnimmt, erhält eine Bescheinigung für Vermieterinnen und Vermieter.",
			Categories: []string{"wohnen", "bildung"}, Groups: []string{"erwachsene", "familien"},
			Languages: []string{"de", "uk", "ar"}, Street: "Münsterstraße 30", Postcode: "48308", City: "Senden",
			Hours: []DemoSlot{{2, "18:00", "20:00"}}, Email: "wohnen@example.org", Phone: phone(108), Fees: "10 € für alle vier Termine",
			StepFree: "no", MeasureCodes: []string{"4.2.2"}},
		{Title: "Ferien-Sprachcamp für Jugendliche", Provider: "Kreisjugendring (Beispiel)",
			Description: "Zwei Wochen in den Sommerferien: Deutsch am Vormittag, Sport und Ausflüge am Nachmittag.",
			Categories:  []string{"sprache", "freizeit"}, Groups: []string{"jugendliche"},
			Languages: []string{"de", "en"}, Email: "sprachcamp@example.org", Phone: phone(109), Fees: "25 €, ermäßigt frei",
			StepFree: "unknown", Status: "temporarily_closed"},
		{Title: "Beratung für Opfer von Diskriminierung", Provider: "Servicestelle Antidiskriminierung (Beispiel)",
			Description: "Vertrauliche Beratung, wenn Sie wegen Herkunft, Sprache oder Religion benachteiligt werden.",
			Categories:  []string{"beratung"}, Groups: []string{"erwachsene", "jugendliche"},
			Languages: []string{"de", "en", "tr"}, Appointment: true, Email: "antidiskriminierung@example.org",
			Phone: phone(110), Fees: "kostenlos", StepFree: "yes", Status: "ended"},
	}
	for i := range offers {
		o := &offers[i]
		o.Owner = CountySlug
		if o.Status == "" {
			o.Status = "active"
		}
		o.State, o.ConfirmedAt = "published", confirmed
		if i%4 == 3 {
			o.ConfirmedAt = now.AddDate(-1, -2, 0) // not confirmed for more than a year
		}
	}
	return offers
}
