package seed

// The texts of the demo's status reports, as the Kommunales
// Integrationszentrum (KI) would write them for the committee. They name
// no figures: the figures come from the frozen snapshot itself.

const springIntroduction = `Mit diesem Sachstandsbericht informiert das Kommunale Integrationszentrum den Integrationsausschuss über den Stand der Umsetzung des Integrationskonzepts des Kreises Coesfeld. Grundlage sind die Meldungen der elf kreisangehörigen Städte und Gemeinden sowie der Kreisverwaltung zum Stichtag.

Ein Jahr nach dem Beschluss des Konzepts haben die Kommunen über die Relevanz der meisten Maßnahmen entschieden; ein Teil der Entscheidungen steht noch aus. Viele Maßnahmen befinden sich in der Planung oder haben begonnen. Der Bericht stellt den Stand je Handlungsfeld dar und weist auf Verzögerungen hin, bei denen das Kommunale Integrationszentrum die Kommunen unterstützt.`

const autumnIntroduction = `Der vorliegende Sachstandsbericht schreibt den Bericht aus dem Frühjahr fort und stellt die Entwicklung seitdem dar. Die Gegenüberstellung mit dem Frühjahrsbericht zeigt, welche Maßnahmen inzwischen abgeschlossen sind, wo die Umsetzung vorangekommen ist und wo Termine überschritten wurden.

Die Kommunen haben seit dem Frühjahr zahlreiche offene Relevanzentscheidungen getroffen und ihre Sachstände regelmäßig gemeldet. Wo Fristen verschoben werden mussten, sind die Gründe in den Sachstandsmeldungen erläutert. Das Kommunale Integrationszentrum bittet den Ausschuss, den Bericht zur Kenntnis zu nehmen.`

var springNarratives = map[string]string{
	"1": "Die Sprachcafés und die Vermittlung in Integrationskurse sind in den meisten Kommunen angelaufen. Engpässe bestehen weiterhin bei Kursen mit Kinderbetreuung; hierzu stimmt sich das Kommunale Integrationszentrum mit den Kursträgern ab.",
	"2": "Im Handlungsfeld Bildung stehen die Zusammenarbeit mit den Kindertageseinrichtungen und die Begleitung des Übergangs von der Schule in den Beruf im Vordergrund. Mehrere Kommunen haben erste Elternangebote eingerichtet.",
	"3": "Die Ausbildungslotsen haben ihre Arbeit aufgenommen. Die Anerkennungsberatung wird stark nachgefragt; die Wartezeiten sollen durch eine zusätzliche Sprechstunde verkürzt werden.",
	"4": "Die Unterbringung Geflüchteter ist in allen Kommunen gesichert. Der Übergang in eigenen Wohnraum bleibt angesichts des angespannten Wohnungsmarkts die größte Herausforderung des Handlungsfelds.",
	"5": "Die Angebote der Gesundheitslotsinnen und -lotsen werden schrittweise ausgeweitet. Für die psychosoziale Versorgung geflüchteter Menschen wird ein kreisweites Netzwerk vorbereitet.",
	"6": "Vereine, Ehrenamtliche und Migrantenorganisationen sind in die Umsetzung eng eingebunden. Mehrere Kommunen planen Begegnungsangebote in den Quartieren.",
	"7": "Die Schulungen zur interkulturellen Öffnung der Verwaltungen sind konzipiert und beginnen im zweiten Quartal. Die Antidiskriminierungsberatung ist kreisweit erreichbar.",
}

var autumnNarratives = map[string]string{
	"1": "Seit dem Frühjahr konnten weitere Sprachangebote verstetigt werden. Mehrere Kommunen haben Maßnahmen abgeschlossen oder deutlich vorangebracht; wo Kurse mangels Lehrkräften nicht zustande kamen, wurden die Termine verschoben.",
	"2": "Die Elternangebote an Kindertageseinrichtungen und Schulen sind ausgebaut worden. Bei der Begleitung des Übergangs in den Beruf zeigen sich erste Erfolge; einzelne Vorhaben liegen hinter dem Zeitplan.",
	"3": "Die Zahl der begleiteten Ausbildungsverhältnisse ist gestiegen. Die Gewinnung weiterer Betriebe bleibt eine Daueraufgabe, der sich die Kommunen gemeinsam mit den Kammern widmen.",
	"4": "Die Wohnraumvermittlung hat sich verbessert, bleibt aber hinter dem Bedarf zurück. Einige Kommunen haben inzwischen entschieden, Maßnahmen zum Quartiersmanagement aufzugreifen.",
	"5": "Die Gesundheitslotsinnen und -lotsen sind nun in der Mehrzahl der Kommunen tätig. Das Netzwerk für psychosoziale Versorgung hat seine Arbeit aufgenommen.",
	"6": "Die Begegnungsangebote in den Quartieren werden gut angenommen. Die Förderung des Ehrenamts wird fortgeführt; mehrere Kommunen haben hierzu neue Maßnahmen als relevant eingestuft.",
	"7": "Die ersten Schulungsreihen zur interkulturellen Öffnung sind abgeschlossen. Die Ergebnisse fließen in die Personalentwicklung der Verwaltungen ein; weitere Termine sind für das kommende Jahr geplant.",
}
