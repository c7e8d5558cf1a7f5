package server

// offerRoutes registers the offers: maintained inside a plan by the KI (the
// county office's address, county-wide offers) and each town's coordination
// (the town's address); public without sign-in at /angebote; answered by
// providers through signed links at /bestaetigung.
func (s *Server) offerRoutes(reg *registry) {
	const town = "/plaene/:plan/kommunen/:slug"
	const offers = town + "/angebote"
	const offer = offers + "/:id"
	reg.handle("GET", offers, need("offer", "read", inMunicipality), s.offers)
	reg.handle("GET", offers+"/neu", need("offer", "write", inMunicipality), s.newOffer)
	reg.handle("POST", offers+"/neu", need("offer", "write", inMunicipality), s.createOffer)
	reg.handle("GET", offer, need("offer", "read", inMunicipality), s.offer)
	reg.handle("GET", offer+"/bearbeiten", need("offer", "write", inMunicipality), s.editOffer)
	reg.handle("POST", offer+"/bearbeiten", need("offer", "write", inMunicipality), s.saveOffer)
	reg.handle("POST", offer+"/status", need("offer", "write", inMunicipality), s.setOfferState)
	reg.handle("POST", offer+"/links", need("offer", "write", inMunicipality), s.issueOfferLink)
	reg.handle("POST", offer+"/links/senden", need("offer", "write", inMunicipality), s.sendOfferLink)
	reg.handle("POST", offer+"/links/:link/widerrufen", need("offer", "write", inMunicipality), s.revokeOfferLink)
	reg.handle("POST", offer+"/links/:link/erledigt", need("offer", "write", inMunicipality), s.closeOfferTask)
	reg.handle("GET", offer+"/uebersetzungen/:lang", need("offer", "write", inMunicipality), s.offerTranslation)
	reg.handle("POST", offer+"/uebersetzungen/:lang", need("offer", "write", inMunicipality), s.saveOfferTranslation)
	// The county's themes of offers, kept by the KI.
	reg.handle("GET", "/plaene/:plan/angebotsthemen", need("offer", "manage", inPlan), s.offerCategories)
	reg.handle("POST", "/plaene/:plan/angebotsthemen", need("offer", "manage", inPlan), s.createOfferCategory)
	reg.handle("GET", "/plaene/:plan/angebotsthemen/:code", need("offer", "manage", inPlan), s.offerCategory)
	reg.handle("POST", "/plaene/:plan/angebotsthemen/:code", need("offer", "manage", inPlan), s.saveOfferCategory)
	// What people searched for and did not find, for the KI.
	reg.handle("GET", "/plaene/:plan/suchluecken", need("offer", "manage", inPlan), s.searchMisses)

	// The plan's public status page, as the KI sets it.
	reg.handle("GET", "/plaene/:plan/oeffentlich", public, s.publicPlan)
	reg.handle("GET", "/plaene/:plan/oeffentlich/berichte/:id/bericht.pdf", public, s.publicReportPDF)
	// A town's state reads the whole dataset, as the downloads do: limited like them.
	reg.handle("GET", "/plaene/:plan/oeffentlich/kommunen/:slug", public, s.limited(limitData, s.publicPlanTown))
	reg.handle("GET", "/plaene/:plan/veroeffentlichung", need("publication", "manage", inPlan), s.publicationSetting)
	reg.handle("POST", "/plaene/:plan/veroeffentlichung", need("publication", "manage", inPlan), s.savePublicationSetting)

	// Open data: downloads and their description for open-data portals.
	reg.handle("GET", "/offene-daten/angebote.csv", public, s.limited(limitData, s.openOffersCSV))
	reg.handle("GET", "/offene-daten/angebote.jsonld", public, s.limited(limitData, s.openOffersDCAT))
	reg.handle("GET", "/offene-daten/katalog.jsonld", public, s.limited(limitData, s.openDataCatalog))
	reg.handle("GET", "/offene-daten/plaene/:plan/stand.csv", public, s.limited(limitData, s.openPlanCSV))
	reg.handle("GET", "/offene-daten/plaene/:plan/stand.jsonld", public, s.limited(limitData, s.openPlanDCAT))

	reg.handle("GET", "/angebote", public, s.limited(limitSearch, s.publicOffers))
	reg.handle("GET", "/angebote/:ref", public, s.publicOffer)
	reg.handle("GET", "/angebote/:ref/kontakt.txt", public, s.offerContact)
	reg.handle("GET", confirmPath+"/:token", public, s.limited(limitConfirm, s.confirmOffer))
	reg.handle("POST", confirmPath+"/:token", public, s.limited(limitConfirm, s.answerOffer))
}
