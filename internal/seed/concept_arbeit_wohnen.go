package seed

func fieldArbeit() Field {
	return Field{
		Code:  "3",
		Title: "Arbeit und Ausbildung",
		Description: "Eine Ausbildung oder Arbeit sichert den Lebensunterhalt und schafft Kontakte. Kreis, Kommunen, " +
			"Jobcenter, Agentur für Arbeit und Betriebe arbeiten zusammen, damit Zugewanderte ihre Fähigkeiten einbringen können.",
		Goals: []Goal{
			{
				Code:        "3.1",
				Title:       "Junge Zugewanderte in Ausbildung bringen",
				Description: "Jugendliche und junge Erwachsene mit Zuwanderungsgeschichte finden einen Ausbildungsplatz und schließen die Ausbildung erfolgreich ab.",
				Measures: []Measure{
					mun("3.1.1", "Lotsenprojekt Ausbildung für junge Geflüchtete",
						"Ehrenamtliche Ausbildungslotsinnen und -lotsen begleiten junge Geflüchtete von der Bewerbung bis zum Abschluss der Ausbildung. Die Kommune gewinnt und vernetzt die Lotsen."),
					kreis("3.1.2", "Berufsorientierung nach „Kein Abschluss ohne Anschluss“ für Seiteneinsteiger anpassen",
						"Das KI entwickelt mit der Kommunalen Koordinierung angepasste Potenzialanalysen und Praxiskurse für Jugendliche, die erst kurz in Deutschland sind."),
					mun("3.1.3", "Praktikumsbörse mit örtlichen Betrieben aufbauen",
						"Die Wirtschaftsförderung sammelt Praktikumsplätze in örtlichen Betrieben und vermittelt sie an Schulen und Beratungsstellen."),
					mun("3.1.4", "Nachhilfe in Berufsschulfächern während der Ausbildung vermitteln",
						"Auszubildende erhalten Unterstützung in Fachsprache und Berufsschulfächern, etwa durch Ehrenamtliche im Ruhestand oder ausbildungsbegleitende Hilfen."),
				},
			},
			{
				Code:        "3.2",
				Title:       "Mitgebrachte Qualifikationen anerkennen und nutzen",
				Description: "Berufsabschlüsse aus dem Ausland werden zügig anerkannt, damit Zugewanderte in ihrem erlernten Beruf arbeiten können.",
				Measures: []Measure{
					mun("3.2.1", "Sprechstunde zur Anerkennung ausländischer Berufsabschlüsse im Rathaus anbieten",
						"Einmal im Monat berät eine Fachkraft der Anerkennungsberatung im Rathaus zu Verfahren, Unterlagen und Kosten."),
					kreis("3.2.2", "Kooperation mit der regionalen Anerkennungsberatung vereinbaren",
						"Das KI schließt eine Kooperationsvereinbarung mit der regionalen Anerkennungs- und Qualifizierungsberatung, die Termine in allen Kommunen absichert."),
					kreis("3.2.3", "Anpassungsqualifizierungen für Pflege- und Gesundheitsberufe vermitteln",
						"Das KI und das Jobcenter vermitteln Pflegefachkräfte mit ausländischem Abschluss in Anpassungslehrgänge und Kenntnisprüfungen."),
				},
			},
			{
				Code:        "3.3",
				Title:       "Betriebe für die Beschäftigung Zugewanderter gewinnen",
				Description: "Arbeitgeber kennen die rechtlichen Möglichkeiten und Förderangebote und stellen Menschen mit Zuwanderungsgeschichte ein.",
				Measures: []Measure{
					mun("3.3.1", "Unternehmerfrühstück „Vielfalt im Betrieb“ durchführen",
						"Einmal im Jahr lädt die Kommune Betriebe ein, die Erfahrungen mit der Beschäftigung Zugewanderter austauschen, und stellt Förderangebote vor."),
					mun("3.3.2", "Wirtschaftsförderung berät Betriebe zur Beschäftigung Geflüchteter",
						"Die Wirtschaftsförderung ist erste Anlaufstelle für Betriebe mit Fragen zu Arbeitserlaubnis, Förderung und Sprachkursen und vermittelt an die zuständigen Stellen."),
					kreis("3.3.3", "Kreisweites Netzwerk Arbeitsmarktintegration koordinieren",
						"Das KI lädt Jobcenter, Agentur für Arbeit, Kammern und Ausländerbehörde zweimal im Jahr zu einem Netzwerktreffen ein, um Verfahren abzustimmen."),
				},
			},
			{
				Code:        "3.4",
				Title:       "Frauen mit Zuwanderungsgeschichte beim Berufseinstieg unterstützen",
				Description: "Frauen erhalten Angebote zur beruflichen Orientierung, die Kinderbetreuung und Familienalltag berücksichtigen.",
				Measures: []Measure{
					mun("3.4.1", "Berufsorientierungskurse für Frauen mit Kinderbetreuung anbieten",
						"Ein Kurs am Vormittag stellt Berufsfelder vor und übt Bewerbungen; eine Kinderbetreuung im selben Haus ermöglicht die Teilnahme."),
					kreis("3.4.2", "Gründungsberatung für Migrantinnen und Migranten anbieten",
						"Mit der Wirtschaftsförderung des Kreises bietet das KI Sprechstunden für Gründungsinteressierte an, bei Bedarf mit Sprachmittlung."),
					mun("3.4.3", "Teilzeitausbildung bei Betrieben und jungen Müttern bekannt machen",
						"Die Kommune informiert Betriebe und junge Eltern über die Möglichkeit, eine Ausbildung in Teilzeit zu absolvieren."),
				},
			},
		},
	}
}

func fieldWohnen() Field {
	return Field{
		Code:  "4",
		Title: "Wohnen",
		Description: "Eine sichere und bezahlbare Wohnung ist Grundlage für jede weitere Integration. Geflüchtete werden " +
			"menschenwürdig untergebracht und beim Umzug in eigenen Wohnraum unterstützt; Nachbarschaften werden gestärkt.",
		Goals: []Goal{
			{
				Code:        "4.1",
				Title:       "Geflüchtete menschenwürdig unterbringen",
				Description: "Kommunale Unterkünfte bieten Schutz, Privatsphäre und Beratung, solange keine eigene Wohnung gefunden ist.",
				Measures: []Measure{
					mun("4.1.1", "Mindeststandards für kommunale Unterkünfte festlegen und jährlich prüfen",
						"Die Kommune legt Standards zu Belegung, Ausstattung und Rückzugsräumen fest und prüft sie jährlich in jeder Unterkunft."),
					mun("4.1.2", "Soziale Betreuung in Gemeinschaftsunterkünften sicherstellen",
						"In jeder Gemeinschaftsunterkunft gibt es feste Sprechzeiten der sozialen Betreuung, die bei Anträgen, Arztterminen und Konflikten hilft."),
					mun("4.1.3", "Gewaltschutzkonzept für Unterkünfte erstellen und umsetzen",
						"Ein Gewaltschutzkonzept regelt Schutzräume für Frauen und Kinder, Ansprechpersonen und das Vorgehen bei Vorfällen."),
				},
			},
			{
				Code:        "4.2",
				Title:       "Den Übergang in eigenen Wohnraum erleichtern",
				Description: "Anerkannte Geflüchtete finden schneller eine eigene Wohnung; Vermieterinnen und Vermieter haben eine verlässliche Ansprechstelle.",
				Measures: []Measure{
					mun("4.2.1", "Wohnraumbörse für anerkannte Geflüchtete einrichten",
						"Die Kommune sammelt Wohnungsangebote privater Vermieter und vermittelt sie an Haushalte, die aus einer Unterkunft ausziehen können."),
					mun("4.2.2", "Mietführerschein-Kurse anbieten",
						"Ein Kurs mit vier Terminen erklärt Mietvertrag, Nebenkosten, Lüften und Heizen sowie Rechte und Pflichten als Mieterin oder Mieter."),
					mun("4.2.3", "Vermieterinnen und Vermieter mit einer festen Ansprechstelle gewinnen",
						"Eine feste Ansprechstelle in der Verwaltung berät Vermieter und ist bei Problemen im Mietverhältnis erreichbar."),
					kreis("4.2.4", "Angemessenheitsgrenzen der Kosten der Unterkunft kreisweit abstimmen",
						"Das KI bringt die Erfahrungen der Kommunen in die Fortschreibung des schlüssigen Konzepts zu den Kosten der Unterkunft ein."),
				},
			},
			{
				Code:        "4.3",
				Title:       "Nachbarschaften stärken",
				Description: "Alteingesessene und Neuzugezogene lernen sich kennen; Konflikte im Wohnumfeld werden früh angesprochen.",
				Measures: []Measure{
					mun("4.3.1", "Begrüßungsbesuche und Nachbarschaftsfeste in Wohngebieten mit viel Zuzug",
						"Ehrenamtliche besuchen neu zugezogene Familien mit einer Willkommensmappe; ein jährliches Nachbarschaftsfest bringt das Viertel zusammen."),
					mun("4.3.2", "Quartiersmanagement für Wohngebiete mit hohem Zuzug prüfen",
						"Die Kommune prüft, ob für Wohngebiete mit hohem Zuzug ein Quartiersmanagement eingerichtet und gefördert werden kann."),
					mun("4.3.3", "Hausordnung und Mülltrennung mehrsprachig erklären",
						"Bildgestützte Merkblätter und kurze Informationsrunden erklären Hausordnung, Ruhezeiten und Mülltrennung."),
				},
			},
			{
				Code:        "4.4",
				Title:       "Bezahlbaren Wohnraum schaffen",
				Description: "Der Bestand an gefördertem Wohnraum wächst, damit Haushalte mit geringem Einkommen eine Wohnung finden.",
				Measures: []Measure{
					mun("4.4.1", "Quote für geförderten Wohnraum in neuen Baugebieten festlegen",
						"Der Rat beschließt, dass in neuen Baugebieten ein fester Anteil der Wohnungen öffentlich gefördert wird."),
					kreis("4.4.2", "Wohnraumbedarf Zugewanderter im Wohnungsmarktbericht des Kreises ausweisen",
						"Das KI liefert Kennzahlen zum Wohnraumbedarf Zugewanderter für den Wohnungsmarktbericht des Kreises zu."),
				},
			},
		},
	}
}
