package seed

// department is a unit of a town administration with its role mailbox.
type department struct{ name, mailbox string }

// departments lists, per action field code, who in a town typically carries
// a measure. Contacts are role mailboxes, never a person's address.
var departments = map[string][]department{
	"1": {
		{"Fachbereich Familie, Bildung und Soziales", "integration"},
		{"Fachdienst Integration", "integration"},
	},
	"2": {
		{"Fachbereich Schule und Sport", "schulverwaltung"},
		{"Fachdienst Jugend und Familie", "familie"},
		{"Fachdienst Integration", "integration"},
	},
	"3": {
		{"Wirtschaftsförderung", "wirtschaftsfoerderung"},
		{"Fachdienst Integration", "integration"},
	},
	"4": {
		{"Fachdienst Wohnen und Unterbringung", "wohnen"},
		{"Fachbereich Planen und Bauen", "bauverwaltung"},
	},
	"5": {
		{"Fachbereich Soziales", "soziales"},
		{"Fachdienst Integration", "integration"},
	},
	"6": {
		{"Fachdienst Integration und Ehrenamt", "ehrenamt"},
		{"Fachbereich Kultur und Sport", "kultur"},
	},
	"7": {
		{"Fachbereich Personal und Organisation", "personal"},
		{"Fachdienst Integration", "integration"},
	},
}

var countyMailboxes = []string{"ki", "integration"}

var supportRequests = map[string][]string{
	"1": {
		"Wir benötigen Unterstützung bei der Gewinnung von Sprachmittlerinnen und Sprachmittlern für Arabisch und Dari.",
		"Können Sie uns Materialien für die Schulung der Ehrenamtlichen im Sprachcafé zur Verfügung stellen?",
		"Bitte um Beratung, welche Kursträger im Südkreis noch freie Kapazitäten haben.",
	},
	"2": {
		"Wir bitten um die Vermittlung von Elternbegleiterinnen für zwei Grundschulen.",
		"Bitte um Unterstützung bei der Organisation eines mehrsprachigen Informationsabends zum Schulwechsel.",
		"Können Sie Kontakte zu Trägern von Sprachferien vermitteln?",
	},
	"3": {
		"Wir suchen für einen Erfahrungsaustausch Kontakt zu Betrieben, die bereits Geflüchtete ausbilden.",
		"Bitte um Unterstützung bei der Gewinnung ehrenamtlicher Ausbildungslotsinnen und -lotsen.",
		"Können Sie für unsere Betriebe eine Informationsveranstaltung zur Beschäftigungsduldung anbieten?",
	},
	"4": {
		"Wir bitten um eine Mustervorlage für ein Gewaltschutzkonzept in Unterkünften.",
		"Bitte um Unterstützung bei der Übersetzung der Hausordnung in fünf Sprachen.",
		"Können Sie uns Referentinnen oder Referenten für einen Mietführerschein-Kurs vermitteln?",
	},
	"5": {
		"Wir benötigen Sprachmittlung für die Gesundheitssprechstunde in der Unterkunft.",
		"Bitte um Vermittlung einer Fachkraft für eine Schulung zu Traumafolgen.",
		"Können Sie mehrsprachiges Informationsmaterial zu Impfungen bereitstellen?",
	},
	"6": {
		"Wir bitten um Unterstützung beim Förderantrag für den Internationalen Garten.",
		"Bitte um Referentinnen oder Referenten für die Interkulturelle Woche.",
		"Können Sie uns Kontakte zu Migrantenselbstorganisationen im Kreis vermitteln?",
	},
	"7": {
		"Wir bitten um eine Inhouse-Fortbildung zur interkulturellen Kompetenz für das Bürgerbüro.",
		"Bitte um Beratung zur Einführung anonymisierter Bewerbungsverfahren.",
		"Können Sie Materialien für Projekttage gegen Rassismus bereitstellen?",
	},
}

var supportAccepted = []string{
	"Das KI übernimmt die Anfrage; wir melden uns mit einem Terminvorschlag.",
	"Zugesagt. Eine Fachkraft des KI nimmt am nächsten Treffen des Arbeitskreises teil.",
	"Wir stellen die Materialien zusammen und senden sie in den nächsten Wochen zu.",
}

var supportDeclined = []string{
	"Dafür ist das Jobcenter zuständig; wir haben die Anfrage an die zuständige Stelle weitergegeben.",
	"Im laufenden Jahr stehen dafür keine Mittel mehr zur Verfügung. Bitte stellen Sie die Anfrage zu Jahresbeginn erneut.",
	"Das KI kann keine Einzelfallbegleitung übernehmen; wir verweisen auf die Migrationsberatung der Wohlfahrtsverbände.",
}

var supportDone = []string{
	"Erledigt: Die Schulung hat am {datum} stattgefunden.",
	"Die Kontakte wurden vermittelt; das erste Gespräch fand am {datum} statt.",
	"Das Material ist übergeben und wird bereits eingesetzt.",
}

var commentBodies = []string{
	"Können Sie uns die aktuelle Übersicht der Kursträger schicken?",
	"Danke für den Sachstand. Wir nehmen das Thema in die nächste Dienstbesprechung mit den Koordinierenden auf.",
	"Gibt es in einer anderen Kommune schon Erfahrungen damit? Dann würden wir gern Kontakt aufnehmen.",
	"Der Termin mit dem Träger ist verschoben; wir melden uns nach dem Gespräch.",
	"Bitte geben Sie im nächsten Sachstand auch die Teilnehmendenzahlen an.",
	"Die Fördermittel für das kommende Jahr sind beantragt.",
	"Hinweis: Die Ansprechstelle ist ab sofort über das neue Funktionspostfach erreichbar.",
	"Wäre das ein Thema für die nächste Integrationskonferenz?",
	"Rückfrage aus dem Ausschuss: Wie viele Familien wurden bisher erreicht?",
	"Wir würden das gern gemeinsam mit der Nachbarkommune angehen – gibt es dort Interesse?",
}
