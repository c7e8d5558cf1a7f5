package seed

func fieldSprache() Field {
	return Field{
		Code:  "1",
		Title: "Sprache",
		Description: "Die deutsche Sprache ist der Schlüssel zu Bildung, Arbeit und Teilhabe. " +
			"Zugewanderte jeden Alters sollen früh und wohnortnah Deutsch lernen können; " +
			"ihre Herkunftssprachen werden als Ressource wertgeschätzt.",
		Goals: []Goal{
			{
				Code:        "1.1",
				Title:       "Frühe sprachliche Bildung in Kindertageseinrichtungen stärken",
				Description: "Kinder mit anderen Familiensprachen erwerben Deutsch am besten im Alltag der Kita, gemeinsam mit ihren Eltern.",
				Measures: []Measure{
					mun("1.1.1", "Alltagsintegrierte Sprachbildung in allen Kitas verankern",
						"Die Träger der Kindertageseinrichtungen qualifizieren ihre Fachkräfte in alltagsintegrierter Sprachbildung. Die Stadt oder Gemeinde stimmt mit den Trägern ab, wie neu zugewanderte Kinder rasch einen Platz erhalten."),
					mun("1.1.2", "Griffbereit- und Rucksack-Gruppen für Eltern mit Kleinkindern anbieten",
						"Eltern und Kinder treffen sich wöchentlich in Familienzentren und üben spielerisch Sprache in der Familiensprache und auf Deutsch. Elternbegleiterinnen leiten die Gruppen an."),
					kreis("1.1.3", "Fortbildungsreihe „Mehrsprachigkeit in der Kita“ für pädagogische Fachkräfte",
						"Das KI bietet jährlich eine Fortbildungsreihe zu Mehrsprachigkeit, Sprachstandsbeobachtung und Zusammenarbeit mit Eltern an. Die Reihe ist für alle Kita-Träger im Kreis offen."),
					mun("1.1.4", "Sprachentwicklungsgespräche mit Sprachmittlung führen",
						"Gespräche über die Sprachentwicklung eines Kindes werden bei Bedarf mit Sprachmittlung geführt, damit Eltern Beobachtungen und Empfehlungen verstehen."),
				},
			},
			{
				Code:        "1.2",
				Title:       "Deutschkurse für Erwachsene wohnortnah und bedarfsgerecht anbieten",
				Description: "Erwachsene finden einen passenden Deutschkurs in erreichbarer Nähe, auch wenn sie Kinder betreuen oder keinen Anspruch auf einen Integrationskurs haben.",
				Measures: []Measure{
					mun("1.2.1", "Integrationskurse mit Kinderbetreuung ermöglichen",
						"Die Kommune unterstützt Kursträger bei der Suche nach Räumen und Betreuungskräften, damit Mütter und Väter kleiner Kinder am Integrationskurs teilnehmen können."),
					kreis("1.2.2", "Kreisweite Übersicht über Sprachkursangebote pflegen",
						"Das KI führt eine stets aktuelle Übersicht aller Sprachkurse im Kreis mit freien Plätzen und Einstiegsterminen. Beratungsstellen und Rathäuser können darauf verweisen."),
					mun("1.2.3", "Niedrigschwellige Deutschkurse für Menschen ohne Kursanspruch einrichten",
						"Für Menschen ohne Anspruch auf einen Integrationskurs werden offene Kurse mit Ehrenamtlichen und Lehrkräften der Volkshochschule angeboten."),
					mun("1.2.4", "Fahrtkosten zu Sprachkursen für Teilnehmende aus den Außenbereichen übernehmen",
						"Wer in einem Ortsteil ohne Kursangebot wohnt, erhält einen Zuschuss zu den Fahrtkosten oder ein Ticket für den Busverkehr."),
				},
			},
			{
				Code:        "1.3",
				Title:       "Sprachpraxis im Alltag fördern",
				Description: "Wer Deutsch lernt, braucht Gelegenheiten, die Sprache im Alltag zu sprechen – im Gespräch mit Nachbarn, im Verein und in der Bücherei.",
				Measures: []Measure{
					mun("1.3.1", "Sprachcafés in allen Städten und Gemeinden einrichten",
						"Ein offenes Sprachcafé bietet mindestens einmal in der Woche Gelegenheit, Deutsch zu sprechen und Fragen des Alltags zu klären. Ehrenamtliche moderieren, die Kommune stellt Räume."),
					mun("1.3.2", "Sprachpatenschaften mit Ehrenamtlichen vermitteln",
						"Ehrenamtliche Patinnen und Paten treffen sich regelmäßig mit einer Person, die Deutsch lernt. Die Kommune vermittelt die Tandems und hält Kontakt."),
					mun("1.3.3", "Lesepatenschaften und mehrsprachige Medien in den Stadtbüchereien ausbauen",
						"Die Büchereien erweitern ihren Bestand an mehrsprachigen Kinderbüchern und bieten Vorlesestunden in mehreren Sprachen an."),
				},
			},
			{
				Code:        "1.4",
				Title:       "Sprachmittlung in Verwaltung und Beratung sicherstellen",
				Description: "Verständigung darf nicht am fehlenden Dolmetschen scheitern, wenn es um Gesundheit, Schule oder Rechte und Pflichten geht.",
				Measures: []Measure{
					kreis("1.4.1", "Kreisweiten Sprachmittlerpool für Behördengänge und Elterngespräche aufbauen",
						"Das KI baut einen Pool von Sprachmittlerinnen und Sprachmittlern auf, den Verwaltungen, Schulen und Beratungsstellen über eine zentrale Stelle anfragen können."),
					kreis("1.4.2", "Ehrenamtliche Sprachmittlerinnen und Sprachmittler qualifizieren",
						"Eine Schulung vermittelt Grundlagen zu Rolle, Schweigepflicht und Dolmetschtechniken. Nach der Schulung werden die Teilnehmenden in den Pool aufgenommen."),
					mun("1.4.3", "Wichtige Informationen der Verwaltung in Leichter Sprache und den häufigsten Herkunftssprachen bereitstellen",
						"Merkblätter zu Anmeldung, Kita-Platz und Gebühren liegen in Leichter Sprache und in den häufigsten Herkunftssprachen vor, gedruckt und auf der Internetseite."),
					mun("1.4.4", "Videodolmetschen im Bürgerbüro erproben",
						"Das Bürgerbüro erprobt für ein Jahr einen Videodolmetschdienst und wertet aus, wie oft und für welche Sprachen er genutzt wird."),
				},
			},
		},
	}
}

func fieldBildung() Field {
	return Field{
		Code:  "2",
		Title: "Bildung",
		Description: "Bildungserfolg darf nicht von der Herkunft abhängen. Kinder, Jugendliche und Erwachsene mit " +
			"Zuwanderungsgeschichte werden an den Übergängen des Bildungssystems begleitet; Eltern werden als Partner gewonnen.",
		Goals: []Goal{
			{
				Code:        "2.1",
				Title:       "Übergang von der Familie in Kita und Grundschule begleiten",
				Description: "Kinder kommen gut vorbereitet in der Schule an, auch wenn sie erst kurz in Deutschland leben.",
				Measures: []Measure{
					mun("2.1.1", "Brückenangebote für Kinder ohne Kita-Platz schaffen",
						"Spielgruppen in Familienzentren und Unterkünften bereiten Kinder ohne Kita-Platz auf die Kita vor und stellen den Kontakt zu den Einrichtungen her."),
					mun("2.1.2", "Elternabende zur Einschulung mit Sprachmittlung durchführen",
						"Grundschulen laden neu zugewanderte Eltern zu einem eigenen Informationsabend ein, bei dem Sprachmittlerinnen und Sprachmittler übersetzen."),
					mun("2.1.3", "Übergabegespräche zwischen Kita und Grundschule mit Einverständnis der Eltern führen",
						"Mit Zustimmung der Eltern tauschen Kita und Grundschule Beobachtungen zur Sprachentwicklung aus, damit die Förderung nahtlos weitergeht."),
				},
			},
			{
				Code:        "2.2",
				Title:       "Neu zugewanderte Schülerinnen und Schüler zügig und gut aufnehmen",
				Description: "Seiteneinsteigerinnen und Seiteneinsteiger erhalten schnell einen Schulplatz und eine Förderung, die ihrem Alter und Vorwissen entspricht.",
				Measures: []Measure{
					kreis("2.2.1", "Schulplatzvergabe für Seiteneinsteiger kreisweit koordinieren",
						"Das KI berät neu zugewanderte Familien, stellt den Bildungsstand fest und vermittelt in Abstimmung mit der Schulaufsicht einen Schulplatz."),
					mun("2.2.2", "Erstförderung Deutsch an allen Schulen mit Seiteneinsteigern sicherstellen",
						"Die Schulträger sorgen mit den Schulen für Räume und Ausstattung von Sprachfördergruppen und melden Bedarfe an zusätzlichen Lehrerstellen."),
					mun("2.2.3", "Schulsozialarbeit an Schulen mit hohem Zuwanderungsanteil stärken",
						"An Schulen mit vielen neu zugewanderten Kindern wird die Schulsozialarbeit aufgestockt, um Familien bei Fragen rund um die Schule zu begleiten."),
					kreis("2.2.4", "Herkunftssprachlichen Unterricht bekannt machen und Standorte bündeln",
						"Das KI informiert Eltern über den herkunftssprachlichen Unterricht und stimmt mit den Schulen ab, an welchen Standorten Gruppen gebildet werden."),
				},
			},
			{
				Code:        "2.3",
				Title:       "Bildungserfolg durch Elternbeteiligung stärken",
				Description: "Eltern kennen das Schulsystem, begleiten den Bildungsweg ihrer Kinder und bringen sich in Kita und Schule ein.",
				Measures: []Measure{
					mun("2.3.1", "Elternbegleiterinnen und Elternbegleiter als Bildungslotsen einsetzen",
						"Geschulte Eltern mit eigener Zuwanderungsgeschichte begleiten andere Familien zu Elterngesprächen und erklären Abläufe in Kita und Schule."),
					mun("2.3.2", "Elterncafés an Grundschulen einrichten",
						"Ein regelmäßiges Elterncafé in der Schule schafft Kontakt zwischen Eltern und Lehrkräften und bietet Raum für Fragen."),
					mun("2.3.3", "Mehrsprachige Informationsabende zum Schulsystem in NRW anbieten",
						"Vor den Übergängen nach Klasse 4 und Klasse 10 erklären Informationsabende in mehreren Sprachen Schulformen, Abschlüsse und Anmeldefristen."),
				},
			},
			{
				Code:        "2.4",
				Title:       "Außerschulische Bildung und Lernförderung ausbauen",
				Description: "Kinder und Jugendliche finden außerhalb des Unterrichts Unterstützung beim Lernen und Zugang zu Kultur und Sport.",
				Measures: []Measure{
					mun("2.4.1", "Hausaufgabenhilfe in Jugendzentren und im Offenen Ganztag ausbauen",
						"Jugendzentren und Offener Ganztag bieten verlässliche Hausaufgabenhilfe an, unterstützt von Ehrenamtlichen und Studierenden."),
					mun("2.4.2", "Sprachferien für zugewanderte Kinder organisieren",
						"In den Sommerferien bieten Träger eine Ferienfreizeit mit täglichen Sprachangeboten an, damit der Lernstand über die Ferien erhalten bleibt."),
					mun("2.4.3", "Zugang zu Musikschule und Vereinen über das Bildungs- und Teilhabepaket erleichtern",
						"Die Kommune hilft Familien beim Antrag auf Leistungen für Bildung und Teilhabe und informiert Vereine und Musikschule über die Abrechnung."),
				},
			},
			{
				Code:        "2.5",
				Title:       "Erwachsenen den Zugang zu Schulabschlüssen und Grundbildung eröffnen",
				Description: "Erwachsene, die in ihrem Herkunftsland keine oder nur eine kurze Schulbildung hatten, können Grundbildung und Abschlüsse nachholen.",
				Measures: []Measure{
					mun("2.5.1", "Kurse zum Nachholen von Schulabschlüssen vor Ort bekannt machen",
						"Die Kommune informiert über Abendkurse der Volkshochschule und des Weiterbildungskollegs und hilft bei der Anmeldung."),
					kreis("2.5.2", "Alphabetisierungskurse für Zweitschriftlernende kreisweit bündeln",
						"Das KI stimmt mit den Kursträgern ab, wo Alphabetisierungskurse für Menschen angeboten werden, die bereits eine andere Schrift beherrschen."),
				},
			},
		},
	}
}
