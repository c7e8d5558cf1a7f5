package seed

import "github.com/planwerk/planwerk/internal/domain"

// The texts below are what coordinators typically write. Placeholders
// ({monat}, {datum}, {jahr}, {folgejahr}) are filled by generator.fill.

var notRelevantReasons = []string{
	"Das Angebot wird für unsere Kommune zentral in der Nachbarstadt vorgehalten; die Anreise mit dem Bus ist gut möglich.",
	"Bei der derzeitigen Zahl Neuzugewanderter besteht kein Bedarf. Wir prüfen die Relevanz bei der nächsten Fortschreibung erneut.",
	"Zuständig ist der Kreis bzw. ein freier Träger; eine eigene Umsetzung durch die Kommune ist nicht vorgesehen.",
	"Der Rat hat im Rahmen der Haushaltsberatungen entschieden, die Maßnahme nicht umzusetzen.",
	"Die Aufgabe wird bereits durch das Jobcenter abgedeckt; Doppelstrukturen wollen wir vermeiden.",
	"Eine vergleichbare Maßnahme läuft im Rahmen des Quartierskonzepts und wird dort berichtet.",
	"Vor Ort gibt es weder geeignete Räume noch einen Träger; Einzelfälle vermitteln wir an das Angebot in der Nachbarstadt.",
	"Die Zielgruppe ist bei uns sehr klein; Einzelfälle werden über die Migrationsberatung begleitet.",
}

var countyNotRelevantReasons = []string{
	"Die Maßnahme wird inzwischen landesweit gefördert und umgesetzt; eine eigene Umsetzung durch den Kreis entfällt.",
	"Die Aufgabe liegt nach der Neuordnung der Zuständigkeiten beim Jobcenter; das KI ist dort im Beirat vertreten.",
}

var inPlaceNotes = []string{
	"Besteht seit {jahr} in Trägerschaft des Familienzentrums; wird wöchentlich angeboten und gut angenommen.",
	"Wird seit {jahr} vom örtlichen Arbeitskreis Asyl mit Unterstützung der Verwaltung getragen.",
	"Seit {jahr} fester Bestandteil der Arbeit des Fachbereichs; die Finanzierung ist im Haushalt gesichert.",
	"Bereits vor Verabschiedung des Konzepts umgesetzt ({jahr}); wir berichten im Rahmen der jährlichen Sachstandsmeldung.",
	"Gemeinsam mit der Volkshochschule seit {jahr} etabliert; rund zwanzig Teilnehmende je Halbjahr.",
	"Ratsbeschluss aus dem Jahr {jahr}; die Umsetzung ist abgeschlossen und wird fortgeführt.",
}

var cancelReasons = []string{
	"Die Förderung des Landes ist ausgelaufen; eine Finanzierung aus Eigenmitteln ist nicht möglich.",
	"Der Träger hat sich aus dem Projekt zurückgezogen; ein neuer Träger konnte nicht gefunden werden.",
	"Die Maßnahme wird in anderer Form durch das Jobcenter umgesetzt.",
	"Trotz mehrfacher Bewerbung haben sich keine Teilnehmenden angemeldet.",
	"Der Rat hat die Mittel im Haushalt gestrichen.",
	"Das Angebot wird künftig gemeinsam mit der Nachbarkommune vorgehalten und dort berichtet.",
}

var updateBodies = map[domain.Status][]string{
	domain.StatusPlanned: {
		"Erste Abstimmung im Fachbereich hat stattgefunden; die Zuständigkeit ist geklärt.",
		"Bedarfserhebung bei Trägern und Ehrenamtlichen gestartet.",
		"Die Maßnahme ist für den Haushalt {folgejahr} angemeldet.",
		"Gespräch mit möglichen Kooperationspartnern für {monat} vereinbart.",
		"Ein Konzeptentwurf liegt vor und wird mit dem KI abgestimmt.",
		"Noch keine Umsetzung wegen eines Personalengpasses im Fachbereich. Der Start ist für {monat} vorgesehen.",
	},
	domain.StatusInProgress: {
		"Das Angebot ist gestartet; die ersten Termine waren gut besucht.",
		"Kooperationsvereinbarung mit dem Träger unterzeichnet; die Umsetzung läuft.",
		"Räume sind gefunden, die Ausstattung ist bestellt.",
		"Zwischenauswertung: Die Nachfrage übersteigt das Angebot, eine zweite Gruppe ist für {monat} geplant.",
		"Ehrenamtliche wurden gewonnen und eingewiesen; es fehlen noch Sprachmittler für Arabisch und Tigrinya.",
		"Die Umsetzung verzögert sich, weil die Förderzusage noch aussteht.",
		"Bericht im Sozialausschuss am {datum}; der Ausschuss hat die Fortführung begrüßt.",
		"Die Materialien sind übersetzt und werden verteilt.",
		"Die Teilnehmendenzahlen sind stabil; die Zusammenarbeit mit den Schulen hat sich eingespielt.",
	},
	domain.StatusOnHold: {
		"Die Umsetzung ruht, bis über die Förderung entschieden ist.",
		"Wegen eines Personalwechsels im Fachbereich vorübergehend zurückgestellt.",
		"Zurückgestellt, da die Räume wegen Umbaus bis auf Weiteres nicht zur Verfügung stehen.",
		"Die Priorität liegt derzeit auf der Unterbringung; die Maßnahme wird im Jahr {folgejahr} wieder aufgenommen.",
	},
	domain.StatusCompleted: {
		"Die Maßnahme ist abgeschlossen; der Abschlussbericht liegt dem Ausschuss vor.",
		"Umgesetzt. Das Angebot ist in den Regelbetrieb übergegangen.",
		"Abgeschlossen; die Materialien stehen auf der Internetseite zur Verfügung.",
		"Ziel erreicht: Das Angebot ist eingerichtet und wird vom Träger dauerhaft fortgeführt.",
	},
}

var updateAddenda = []string{
	"Der nächste Sachstand folgt nach dem Treffen des Arbeitskreises.",
	"Das KI ist informiert.",
	"Die Rückmeldungen der Teilnehmenden sind überwiegend positiv.",
	"Die Zusammenarbeit mit der Volkshochschule läuft gut.",
	"Die Kosten bewegen sich im geplanten Rahmen.",
	"In der Lokalzeitung ist ein Bericht erschienen.",
	"Offen ist noch die Erstattung der Fahrtkosten für Ehrenamtliche.",
	"Die Ergebnisse wurden im Netzwerktreffen am {datum} vorgestellt.",
}

var milestoneTitles = []string{
	"Bedarf erhoben",
	"Konzept mit Trägern abgestimmt",
	"Beschluss im Fachausschuss",
	"Finanzierung gesichert",
	"Räume und Personal gefunden",
	"Angebot gestartet",
	"Zwischenauswertung vorgelegt",
	"Abschlussbericht vorgelegt",
}
