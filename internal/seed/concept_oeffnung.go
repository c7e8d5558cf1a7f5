package seed

func fieldOeffnung() Field {
	return Field{
		Code:  "7",
		Title: "Interkulturelle Öffnung und Antidiskriminierung",
		Description: "Verwaltung und Einrichtungen stellen sich auf eine vielfältige Bevölkerung ein. Diskriminierung wird " +
			"benannt und bekämpft; der Fortschritt der Integration wird regelmäßig gemessen und dem Kreistag berichtet.",
		Goals: []Goal{
			{
				Code:        "7.1",
				Title:       "Die Verwaltung interkulturell öffnen",
				Description: "Die Beschäftigten der Verwaltung gehen kompetent mit Vielfalt um; Angebote und Formulare sind verständlich.",
				Measures: []Measure{
					kreis("7.1.1", "Fortbildungen zur interkulturellen Kompetenz für Verwaltungsbeschäftigte anbieten",
						"Das KI bietet eintägige Fortbildungen für Beschäftigte der Kreis- und Kommunalverwaltungen an, insbesondere für Bürgerbüros und Sozialämter."),
					mun("7.1.2", "Interkulturelle Öffnung im Leitbild der Verwaltung verankern",
						"Die interkulturelle Öffnung wird als Ziel in das Leitbild und in die Personalentwicklung der Verwaltung aufgenommen."),
					mun("7.1.3", "Mehrsprachige Wegweiser und Formulare im Bürgerbüro einführen",
						"Das Bürgerbüro erhält eine Beschilderung mit Piktogrammen und die meistgenutzten Formulare mit mehrsprachigen Ausfüllhilfen."),
				},
			},
			{
				Code:        "7.2",
				Title:       "Vielfalt im Personal der Verwaltung erhöhen",
				Description: "Der Anteil der Beschäftigten mit Zuwanderungsgeschichte in der Verwaltung entspricht zunehmend dem in der Bevölkerung.",
				Measures: []Measure{
					mun("7.2.1", "Ausbildungsplätze der Verwaltung bei Jugendlichen mit Zuwanderungsgeschichte bewerben",
						"Die Verwaltung stellt ihre Ausbildungsberufe auf Berufsmessen, in Schulen und in Migrantenselbstorganisationen vor."),
					mun("7.2.2", "Anonymisiertes Bewerbungsverfahren erproben",
						"Für ausgewählte Stellen erprobt die Verwaltung ein Bewerbungsverfahren ohne Foto, Namen und Geburtsort in der ersten Auswahlrunde."),
					mun("7.2.3", "Mehrsprachigkeit in Stellenausschreibungen als Zusatzqualifikation nennen",
						"Stellenausschreibungen mit Publikumsverkehr nennen Kenntnisse weiterer Sprachen ausdrücklich als erwünschte Qualifikation."),
				},
			},
			{
				Code:        "7.3",
				Title:       "Diskriminierung erkennen und entgegenwirken",
				Description: "Betroffene von Diskriminierung finden Beratung; Schulen, Vereine und Verwaltung beziehen klar Stellung.",
				Measures: []Measure{
					kreis("7.3.1", "Antidiskriminierungsberatung im Kreis einrichten",
						"Das KI richtet mit einem freien Träger eine Beratungsstelle für Menschen ein, die Diskriminierung erfahren haben, mit Sprechzeiten im Nord- und Südkreis."),
					mun("7.3.2", "Ansprechstelle für Diskriminierungsfälle in jeder Kommune benennen",
						"Jede Stadt und Gemeinde benennt eine Ansprechstelle, die Meldungen entgegennimmt und an die Beratung vermittelt."),
					mun("7.3.3", "Schulen auf dem Weg zu „Schule ohne Rassismus – Schule mit Courage“ unterstützen",
						"Die Kommune als Schulträger unterstützt Schulen, die sich dem Netzwerk anschließen wollen, und fördert Projekttage."),
					mun("7.3.4", "Veranstaltungen zu den Internationalen Wochen gegen Rassismus ausrichten",
						"Jedes Jahr im März bietet die Kommune mit Schulen, Kirchen und Vereinen Veranstaltungen gegen Rassismus an."),
				},
			},
			{
				Code:        "7.4",
				Title:       "Integration messbar machen und das Konzept fortschreiben",
				Description: "Kreistag und Integrationsausschuss erhalten regelmäßig einen Überblick über Umsetzung und Wirkung des Konzepts.",
				Measures: []Measure{
					kreis("7.4.1", "Integrationsmonitoring mit jährlichem Kennzahlenbericht aufbauen",
						"Das KI stellt jährlich Kennzahlen zu Bevölkerung, Bildung, Arbeit und Wohnen zusammen und legt sie dem Integrationsausschuss vor."),
					kreis("7.4.2", "Sachstandsberichte der Städte und Gemeinden halbjährlich zusammenführen",
						"Das KI fasst die Sachstandsmeldungen der Kommunen zu einem halbjährlichen Bericht für den Integrationsausschuss zusammen."),
					kreis("7.4.3", "Fortschreibung des Integrationskonzepts vorbereiten",
						"Auf Grundlage der Berichte und einer Integrationskonferenz bereitet das KI die Fortschreibung des Konzepts nach fünf Jahren vor."),
				},
			},
		},
	}
}
