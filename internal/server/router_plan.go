package server

import "github.com/planwerk/planwerk/internal/catalogueio"

// planRoutes registers the routes of one plan. A plan's address carries its
// slug, and a municipality's pages carry the municipality within that plan:
// authorize resolves both once and hands them on as the request's scope.
func (s *Server) planRoutes(reg *registry) {
	const plan = "/plaene/:plan"
	const town = plan + "/kommunen/:slug"
	const impl = town + "/umsetzungen/:id"

	reg.handle("GET", plan, need("plan", "read", inPlan), s.planOverview)
	reg.handle("GET", plan+"/massnahmen/:id", need("plan", "read", inPlan), s.measure)
	reg.handle("GET", plan+"/kommunen", need("plan", "read", inPlan), s.municipalities)
	reg.handle("GET", town, need("workspace", "read", inMunicipality), s.workspace)
	reg.handle("POST", town+"/relevanz", need("implementation", "edit", inMunicipality), s.reviewRelevance)
	reg.handle("GET", impl, need("implementation", "read", inMunicipality), s.implementation)
	reg.handle("GET", impl+"/bearbeiten", need("implementation", "edit", inMunicipality), s.editImplementation)
	reg.handle("POST", impl+"/bearbeiten", need("implementation", "edit", inMunicipality), s.saveImplementation)
	// Implementation tracking: progress reports, milestones, internal comments.
	reg.handle("POST", impl+"/meilensteine", need("implementation", "edit", inMunicipality), s.addMilestone)
	reg.handle("POST", impl+"/meilensteine/:milestone/erledigt", need("implementation", "edit", inMunicipality), s.setMilestoneDone)
	reg.handle("POST", impl+"/meilensteine/:milestone/loeschen", need("implementation", "edit", inMunicipality), s.deleteMilestone)
	reg.handle("POST", impl+"/kommentare", need("comment", "write", inMunicipality), s.addComment)
	// "Sachstand melden": status, progress, report and next milestone in one
	// save; the relevance decision on its own. Both show a refused form at
	// their own address, which a reload can GET.
	reg.handle("GET", impl+"/sachstand", need("implementation", "edit", inMunicipality), s.statusReport)
	reg.handle("POST", impl+"/sachstand", need("implementation", "edit", inMunicipality), s.saveStatusReport)
	reg.handle("GET", impl+"/relevanz", need("implementation", "edit", inMunicipality), s.relevanceDecision)
	reg.handle("POST", impl+"/relevanz", need("implementation", "edit", inMunicipality), s.decideRelevance)
	// The addresses refused forms were shown at (and the former report
	// form's), reloaded: back to the form's section, never a 405.
	reg.handle("GET", impl+"/meldungen", need("implementation", "read", inMunicipality), s.toImplementation("#meldungen"))
	reg.handle("GET", impl+"/meilensteine", need("implementation", "read", inMunicipality), s.toImplementation("#meilensteine"))
	reg.handle("GET", impl+"/kommentare", need("comment", "read", inMunicipality), s.toImplementation("#kommentare"))

	// KI support, cross-municipal needs, local measures.
	reg.handle("POST", impl+"/unterstuetzung", need("support", "request", inMunicipality), s.requestSupport)
	reg.handle("POST", impl+"/unterstuetzung/antwort", need("support", "answer", inMunicipality), s.answerSupport)
	reg.handle("POST", impl+"/unterstuetzung/uebernehmen", need("support", "answer", inMunicipality), s.takeSupport)
	reg.handle("GET", plan+"/unterstuetzung", need("support", "answer", inPlan), s.supportQueue)
	reg.handle("GET", town+"/bedarfe", need("need", "read", inMunicipality), s.townNeeds)
	reg.handle("POST", town+"/bedarfe", need("need", "write", inMunicipality), s.createNeed)
	reg.handle("GET", plan+"/bedarfe", need("need", "manage", inPlan), s.allNeeds)
	reg.handle("POST", plan+"/bedarfe/:id", need("need", "manage", inPlan), s.updateNeed)
	reg.handle("GET", town+"/massnahmen/neu", need("measure", "create", inMunicipality), s.newLocalMeasure)
	reg.handle("POST", town+"/massnahmen/neu", need("measure", "create", inMunicipality), s.createLocalMeasure)

	// The KI's monitoring across towns, and its downloads.
	reg.handle("GET", plan+"/monitoring", need("monitoring", "read", inPlan), s.monitoring)
	reg.handle("GET", plan+"/monitoring.xlsx", need("monitoring", "read", inPlan), s.monitoringXLSX)
	reg.handle("GET", plan+"/monitoring.csv", need("monitoring", "read", inPlan), s.monitoringCSV)
	// Reporting rounds: the KI runs them, each town's coordinator completes its own.
	reg.handle("GET", plan+"/berichtsrunden", need("round", "manage", inPlan), s.rounds)
	reg.handle("POST", plan+"/berichtsrunden", need("round", "manage", inPlan), s.openRound)
	reg.handle("GET", plan+"/berichtsrunden/:id", need("round", "manage", inPlan), s.round)
	reg.handle("POST", plan+"/berichtsrunden/:id/erinnerung", need("round", "manage", inPlan), s.nudgeTown)
	reg.handle("POST", plan+"/berichtsrunden/:id/abschliessen", need("round", "manage", inPlan), s.closeRound)
	reg.handle("POST", town+"/berichtsrunde/abgeschlossen", need("round", "complete", inMunicipality), s.completeRound)
	reg.handle("POST", town+"/berichtsrunde/zuruecknehmen", need("round", "complete", inMunicipality), s.revokeRoundCompletion)
	// Committee reports: every member reads the frozen ones; the KI drafts,
	// freezes and corrects them.
	reg.handle("GET", plan+"/berichte", need("report", "read", inPlan), s.reports)
	reg.handle("GET", plan+"/berichte/neu", need("report", "write", inPlan), s.newReport)
	reg.handle("POST", plan+"/berichte", need("report", "write", inPlan), s.createReport)
	reg.handle("GET", plan+"/berichte/:id/bearbeiten", need("report", "write", inPlan), s.editReport)
	reg.handle("POST", plan+"/berichte/:id/bearbeiten", need("report", "write", inPlan), s.saveReport)
	reg.handle("POST", plan+"/berichte/:id/einfrieren", need("report", "write", inPlan), s.freezeReport)
	reg.handle("POST", plan+"/berichte/:id/korrektur", need("report", "write", inPlan), s.correctReport)
	// A frozen committee report: the page (compared on ?vergleich=) and its downloads.
	const report = plan + "/berichte/:id"
	reg.handle("GET", report, need("report", "read", inPlan), s.report)
	reg.handle("GET", report+"/bericht.pdf", need("report", "read", inPlan), s.reportPDF)
	reg.handle("GET", report+"/bericht.xlsx", need("report", "read", inPlan), s.reportXLSX)
	reg.handle("GET", report+"/bericht.csv", need("report", "read", inPlan), s.reportCSV)
	reg.handle("GET", report+"/ratsinfo.zip", need("report", "read", inPlan), s.reportBundle)

	// The KI's catalogue editor (issue 12): items are addressed by level
	// (handlungsfelder, ziele, massnahmen) and id; moves and retirements are
	// buttons, so that everything works with the keyboard.
	const catalogue = plan + "/katalog"
	reg.handle("GET", catalogue, need("catalogue", "edit", inPlan), s.catalogueEditor)
	reg.handle("GET", catalogue+"/verlauf", need("catalogue", "edit", inPlan), s.catalogueHistory)
	reg.handle("GET", catalogue+"/:level/neu", need("catalogue", "edit", inPlan), s.newCatalogueItem)
	reg.handle("POST", catalogue+"/:level/neu", need("catalogue", "edit", inPlan), s.createCatalogueItem)
	reg.handle("GET", catalogue+"/:level/:id", need("catalogue", "edit", inPlan), s.editCatalogueItem)
	reg.handle("POST", catalogue+"/:level/:id", need("catalogue", "edit", inPlan), s.saveCatalogueItem)
	reg.handle("POST", catalogue+"/:level/:id/verschieben", need("catalogue", "edit", inPlan), s.moveCatalogueItem)
	reg.handle("POST", catalogue+"/:level/:id/entfallen", need("catalogue", "edit", inPlan), s.retireCatalogueItem(true))
	reg.handle("POST", catalogue+"/:level/:id/wiederaufnehmen", need("catalogue", "edit", inPlan), s.retireCatalogueItem(false))
	// Its files: the catalogue for everyone who reads the plan; the states of
	// every town for the KI, of one town for everyone who reads its workspace.
	reg.handle("GET", plan+"/katalog.xlsx", need("plan", "read", inPlan), s.exportCatalogue(formatXLSX))
	reg.handle("GET", plan+"/katalog.csv", need("plan", "read", inPlan), s.exportCatalogue(formatCSV))
	reg.handle("GET", plan+"/umsetzungen.xlsx", need("monitoring", "read", inPlan), s.exportStates(formatXLSX, false))
	reg.handle("GET", plan+"/umsetzungen.csv", need("monitoring", "read", inPlan), s.exportStates(formatCSV, false))
	reg.handle("GET", town+"/umsetzungen.xlsx", need("workspace", "read", inMunicipality), s.exportStates(formatXLSX, true))
	reg.handle("GET", town+"/umsetzungen.csv", need("workspace", "read", inMunicipality), s.exportStates(formatCSV, true))
	// Imports with a dry run first: the catalogue by the KI, one town's
	// implementation states by that town (or the KI); templates for both.
	reg.handle("GET", catalogue+"/import", need("catalogue", "edit", inPlan), s.importForm)
	reg.handle("POST", catalogue+"/import", need("catalogue", "edit", inPlan), s.importDryRun, withFiles(importUploadLimit))
	reg.handle("POST", catalogue+"/import/bestaetigen", need("catalogue", "edit", inPlan), s.importApply)
	reg.handle("GET", town+"/import", need("implementation", "edit", inMunicipality), s.importForm)
	reg.handle("POST", town+"/import", need("implementation", "edit", inMunicipality), s.importDryRun, withFiles(importUploadLimit))
	reg.handle("POST", town+"/import/bestaetigen", need("implementation", "edit", inMunicipality), s.importApply)
	reg.handle("GET", plan+"/vorlagen/katalog.xlsx", need("plan", "read", inPlan), s.importTemplate(catalogueio.KindCatalogue))
	reg.handle("GET", plan+"/vorlagen/umsetzungen.xlsx", need("plan", "read", inPlan), s.importTemplate(catalogueio.KindStates))

	// Plan versions (Fortschreibung): the KI starts the next version from the
	// current one, maps every measure onto it and adopts it; the change annex
	// lists the mapping for the council. Addressed under the old version.
	const versions = plan + "/fortschreibung"
	reg.handle("GET", versions, need("version", "manage", inPlan), s.versions)
	reg.handle("POST", versions, need("version", "manage", inPlan), s.startVersion)
	reg.handle("GET", versions+"/massnahmen/:id", need("version", "manage", inPlan), s.versionMapping)
	reg.handle("POST", versions+"/massnahmen/:id", need("version", "manage", inPlan), s.saveVersionMapping)
	reg.handle("POST", versions+"/beschliessen", need("version", "manage", inPlan), s.adoptVersion)
	reg.handle("POST", versions+"/verwerfen", need("version", "manage", inPlan), s.discardVersion)
	reg.handle("GET", versions+"/aenderungsanlage.pdf", need("version", "manage", inPlan), s.versionAnnexPDF)
	reg.handle("GET", versions+"/aenderungsanlage.xlsx", need("version", "manage", inPlan), s.versionAnnexXLSX)
}
