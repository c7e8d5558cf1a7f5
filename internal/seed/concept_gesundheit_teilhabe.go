package seed

func fieldGesundheit() Field {
	return Field{
		Code:  "5",
		Title: "Gesundheit",
		Description: "Zugewanderte finden Zugang zur gesundheitlichen Versorgung, zu Prävention und Pflege. " +
			"Sprachliche und kulturelle Hürden werden abgebaut; Menschen mit Fluchterfahrung erhalten psychosoziale Hilfe.",
		Goals: []Goal{
			{
				Code:        "5.1",
				Title:       "Zugang zum Gesundheitssystem erleichtern",
				Description: "Patientinnen und Patienten verstehen Diagnose und Behandlung; Praxen und Kliniken können sich verständigen.",
				Measures: []Measure{
					kreis("5.1.1", "Dolmetscherpool für Arztbesuche aufbauen",
						"Das KI und das Gesundheitsamt bauen einen Pool qualifizierter Dolmetscherinnen und Dolmetscher auf, den Praxen und Kliniken für Arztbesuche anfragen können."),
					kreis("5.1.2", "Mehrsprachigen Gesundheitswegweiser für den Kreis Coesfeld herausgeben",
						"Ein Wegweiser in acht Sprachen erklärt Hausarztprinzip, Notdienst, Krankenversicherung und Vorsorgeuntersuchungen."),
					mun("5.1.3", "Gesundheitssprechstunde in Unterkünften mit dem Gesundheitsamt anbieten",
						"Fachkräfte des Gesundheitsamts bieten in größeren Unterkünften regelmäßig eine Sprechstunde zu Impfungen, Vorsorge und Arztsuche an."),
				},
			},
			{
				Code:        "5.2",
				Title:       "Psychosoziale Versorgung von Menschen mit Fluchterfahrung sichern",
				Description: "Traumatisierte Geflüchtete werden erkannt und erhalten rechtzeitig Beratung und Behandlung.",
				Measures: []Measure{
					kreis("5.2.1", "Psychosoziale Erstberatung mit einem Psychosozialen Zentrum vereinbaren",
						"Das KI vereinbart mit einem Psychosozialen Zentrum für Geflüchtete feste Beratungstermine im Kreisgebiet."),
					kreis("5.2.2", "Fachkräfte und Ehrenamtliche im Umgang mit Traumafolgen schulen",
						"Eine Schulungsreihe vermittelt, wie sich Traumafolgen zeigen, wie man angemessen reagiert und wohin man vermitteln kann."),
					mun("5.2.3", "Stabilisierungsgruppen für Geflüchtete vor Ort anbieten",
						"Niedrigschwellige Gruppenangebote mit Bewegung, Entspannung und Gespräch helfen, den Alltag zu strukturieren."),
				},
			},
			{
				Code:        "5.3",
				Title:       "Prävention und Gesundheitsförderung stärken",
				Description: "Gesundheitsangebote erreichen Familien mit Zuwanderungsgeschichte genauso wie alle anderen.",
				Measures: []Measure{
					mun("5.3.1", "Mehrsprachige Impfinformationen in Kitas und Schulen verteilen",
						"Kitas und Schulen geben Informationen zu empfohlenen Impfungen und Vorsorgeuntersuchungen in den Herkunftssprachen der Familien weiter."),
					mun("5.3.2", "Schwimmkurse für Kinder und Frauen mit Zuwanderungsgeschichte anbieten",
						"Die Kommune stellt Wasserzeiten im Hallenbad bereit, in denen Kinder und Frauen in geschützter Atmosphäre schwimmen lernen."),
					kreis("5.3.3", "Gesundheitslotsinnen und -lotsen aus den Communities ausbilden",
						"Menschen mit Zuwanderungsgeschichte werden zu Gesundheitslotsen ausgebildet und informieren in ihrer Sprache über Vorsorge und Versorgung."),
				},
			},
			{
				Code:        "5.4",
				Title:       "Kultursensible Pflege und Versorgung im Alter fördern",
				Description: "Ältere Zugewanderte und ihre Angehörigen kennen die Pflegeangebote; Einrichtungen stellen sich auf ihre Bedürfnisse ein.",
				Measures: []Measure{
					mun("5.4.1", "Kultursensible Pflege in Einrichtungen und Diensten vor Ort fördern",
						"Die Kommune lädt Pflegeeinrichtungen und ambulante Dienste zum Austausch über kultursensible Pflege ein und vermittelt Fortbildungen."),
					kreis("5.4.2", "Pflegeberatung des Kreises mehrsprachig anbieten",
						"Die Pflegeberatung des Kreises bietet Beratungen mit Sprachmittlung an und legt Informationsmaterial in mehreren Sprachen aus."),
					mun("5.4.3", "Seniorentreffs für ältere Zugewanderte öffnen",
						"Bestehende Seniorentreffs laden gezielt ältere Zugewanderte ein und gestalten Angebote gemeinsam mit ihnen."),
				},
			},
		},
	}
}

func fieldTeilhabe() Field {
	return Field{
		Code:  "6",
		Title: "Teilhabe und Zusammenleben",
		Description: "Integration gelingt vor Ort, im Verein, in der Nachbarschaft und im Ehrenamt. Begegnung, " +
			"Mitwirkung und politische Beteiligung von Zugewanderten werden gefördert; das Ehrenamt wird gestärkt.",
		Goals: []Goal{
			{
				Code:        "6.1",
				Title:       "Ehrenamtliches Engagement stärken und anerkennen",
				Description: "Ehrenamtliche Initiativen haben verlässliche Ansprechstellen, Fortbildung und Anerkennung.",
				Measures: []Measure{
					mun("6.1.1", "Feste Ansprechstelle für ehrenamtliche Initiativen in der Verwaltung benennen",
						"Eine feste Ansprechstelle in der Verwaltung hält Kontakt zu den Initiativen, vermittelt Räume und hilft bei Förderanträgen."),
					kreis("6.1.2", "Fortbildungsprogramm für Ehrenamtliche in der Integrationsarbeit anbieten",
						"Das KI bietet halbjährlich ein Fortbildungsprogramm zu Asylrecht, Sprachförderung, Abgrenzung und Selbstfürsorge an."),
					mun("6.1.3", "Anerkennungskultur für Ehrenamtliche pflegen",
						"Ein jährlicher Empfang, die Ehrenamtskarte und öffentliche Würdigung zeigen, dass das Engagement geschätzt wird."),
					mun("6.1.4", "Zugewanderte für ein Ehrenamt gewinnen",
						"Vereine und Initiativen werden ermutigt, Zugewanderte gezielt anzusprechen und ihnen Aufgaben zu übertragen."),
				},
			},
			{
				Code:        "6.2",
				Title:       "Vereine, Sport und Kultur öffnen",
				Description: "Sport- und Kulturvereine sind Orte der Begegnung und stehen Zugewanderten offen.",
				Measures: []Measure{
					mun("6.2.1", "Sportvereine bei der interkulturellen Öffnung unterstützen",
						"Die Kommune vermittelt Kontakte zwischen Vereinen und Unterkünften und unterstützt Schnuppertrainings."),
					mun("6.2.2", "Stützpunktvereine im Programm „Integration durch Sport“ gewinnen",
						"Die Kommune spricht Vereine an, sich als Stützpunktverein zu bewerben, und hilft beim Antrag."),
					mun("6.2.3", "Ermäßigten Eintritt zu Kulturangeboten für Menschen mit geringem Einkommen einführen",
						"Museen, Theater und Konzerte der Kommune gewähren Menschen mit geringem Einkommen ermäßigten oder freien Eintritt."),
				},
			},
			{
				Code:        "6.3",
				Title:       "Selbstorganisation und politische Beteiligung fördern",
				Description: "Migrantenselbstorganisationen sind anerkannte Partner; Zugewanderte wirken an Entscheidungen mit.",
				Measures: []Measure{
					kreis("6.3.1", "Migrantenselbstorganisationen beraten und vernetzen",
						"Das KI berät Migrantenselbstorganisationen zu Vereinsgründung, Fördermitteln und Projektanträgen und lädt zu einem jährlichen Netzwerktreffen ein."),
					mun("6.3.2", "Räume für Migrantenselbstorganisationen bereitstellen",
						"Die Kommune stellt Vereinen und Gruppen Zugewanderter kostenfrei oder vergünstigt Räume für Treffen zur Verfügung."),
					mun("6.3.3", "Zugewanderte an kommunalen Beteiligungsverfahren beteiligen",
						"Bei Bürgerbeteiligungen werden Zugewanderte gezielt eingeladen; Einladungen werden mehrsprachig verschickt."),
				},
			},
			{
				Code:        "6.4",
				Title:       "Begegnung und Willkommenskultur schaffen",
				Description: "Neuzugewanderte werden willkommen geheißen und finden Orte, an denen sie Einheimische kennenlernen.",
				Measures: []Measure{
					mun("6.4.1", "Interkulturelle Woche in allen Städten und Gemeinden gestalten",
						"Die Kommune beteiligt sich an der bundesweiten Interkulturellen Woche mit Veranstaltungen von Vereinen, Kirchen und Initiativen."),
					mun("6.4.2", "Willkommensmappe für Neuzugewanderte herausgeben",
						"Eine Mappe mit Stadtplan, wichtigen Adressen, Kursangeboten und Ansprechstellen wird bei der Anmeldung im Bürgerbüro überreicht."),
					kreis("6.4.3", "Kreisweite Integrationskonferenz jährlich durchführen",
						"Das KI lädt Haupt- und Ehrenamtliche, Politik und Migrantenselbstorganisationen zu einer jährlichen Konferenz ein, um Ergebnisse zu bilanzieren."),
					mun("6.4.4", "Begegnungsorte wie Internationale Gärten und offene Treffs schaffen",
						"Die Kommune stellt Flächen und Räume für Begegnungsorte bereit und unterstützt Initiativen beim Aufbau."),
				},
			},
		},
	}
}
