package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// who is a kind of visitor; own means "in the municipality named in the path".
type who string

const (
	signedOut  who = "signed out"
	noRole     who = "no role"
	coordOwn   who = "coordinator, own town"
	coordOther who = "coordinator, other town"
	kiStaff    who = "KI"
	committee  who = "committee"
	adminStaff who = "admin"
	// Another county's staff: KI of Kreis Borken, coordinator of Bocholt.
	kiElsewhere    who = "KI, other county"
	coordElsewhere who = "coordinator, other county"
	allVisitors        = "all"
)

var visitors = []who{signedOut, noRole, coordOwn, coordOther, kiStaff, committee, adminStaff, kiElsewhere, coordElsewhere}

// expect builds one route's expectations: a default for everyone, then
// exceptions. The table below is the authorization requirement written out;
// it is independent of policies/policy.csv on purpose.
func expect(def int, except ...any) map[who]int {
	m := map[who]int{}
	for _, v := range visitors {
		m[v] = def
	}
	for i := 0; i+1 < len(except); i += 2 {
		m[except[i].(who)] = except[i+1].(int)
	}
	return m
}

const (
	ok        = http.StatusOK
	moved     = http.StatusFound
	keepPost  = http.StatusTemporaryRedirect
	seeOther  = http.StatusSeeOther
	badReq    = http.StatusBadRequest
	unauth    = http.StatusUnauthorized
	forbidden = http.StatusForbidden
	notFound  = http.StatusNotFound
	invalid   = http.StatusUnprocessableEntity
)

// reader: everyone with a role in the county reads; signed out goes to
// sign-in; no role gets the no-access page; another county's staff learn
// nothing (404).
var reader = expect(ok, signedOut, seeOther, noRole, forbidden, kiElsewhere, notFound, coordElsewhere, notFound)

// anyMember: every member gets an answer of their own (their plans, their
// current plan); signed out goes to sign-in, no role to the no-access page.
func anyMember(status int) map[who]int {
	return expect(status, signedOut, seeOther, noRole, forbidden)
}

// outside marks another county's staff as not finding a route (404).
func outside(m map[who]int) map[who]int {
	m[kiElsewhere], m[coordElsewhere] = notFound, notFound
	return m
}

var matrix = map[string]map[who]int{
	"GET /healthz":           expect(ok),
	"GET /readyz":            expect(ok),
	"GET /barrierefreiheit":  expect(ok),
	"GET /static/*filepath":  expect(ok),
	"HEAD /static/*filepath": expect(ok),
	"GET /anmelden":          expect(seeOther),
	"GET /anmelden/callback": expect(invalid), // no state: refused, nothing signed in
	"POST /abmelden":         expect(seeOther),
	"POST /sprache":          expect(seeOther),

	"GET /":                                            anyMember(seeOther), // to the start page of the role
	"GET /plaene/:plan":                                reader,
	"GET /plaene/:plan/massnahmen/:id":                 reader,
	"GET /plaene/:plan/kommunen":                       reader,
	"GET /plaene/:plan/kommunen/:slug":                 reader,
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id": reader,
	// Bulk relevance review with an empty form: allowed visitors get past
	// authorization and are told to select something; nothing is saved.
	"POST /plaene/:plan/kommunen/:slug/relevanz": outside(expect(forbidden, signedOut, unauth, coordOwn, invalid, kiStaff, invalid)),
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/bearbeiten": outside(expect(forbidden, signedOut, seeOther,
		coordOwn, ok, kiStaff, ok)),
	// An empty form: allowed visitors get past authorization and are told the form is incomplete.
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/bearbeiten": outside(expect(forbidden, signedOut, unauth,
		coordOwn, badReq, kiStaff, badReq)),
	// Implementation tracking. Empty forms: allowed visitors get past authorization
	// and are told what is missing; the milestone routes name no real milestone (404).
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/meilensteine": outside(expect(forbidden, signedOut, unauth,
		coordOwn, invalid, kiStaff, invalid)),
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/meilensteine/:milestone/erledigt": outside(expect(forbidden, signedOut, unauth,
		coordOwn, notFound, kiStaff, notFound)),
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/meilensteine/:milestone/loeschen": outside(expect(forbidden, signedOut, unauth,
		coordOwn, notFound, kiStaff, notFound)),
	// Comments are internal: other towns, the committee and administrators cannot read them (404).
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/kommentare": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, invalid, kiStaff, invalid),

	// KI support: every member sees whether support was asked for, so a refused
	// write is a 403; empty forms get past authorization and are incomplete (400).
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/unterstuetzung":         outside(expect(forbidden, signedOut, unauth, coordOwn, badReq)),
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/unterstuetzung/antwort": outside(expect(forbidden, signedOut, unauth, kiStaff, badReq)),
	"GET /plaene/:plan/unterstuetzung":                                         outside(expect(forbidden, signedOut, seeOther, kiStaff, ok)),
	// The matrix's implementation has no open request: nothing to take (409).
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/unterstuetzung/uebernehmen": outside(expect(forbidden, signedOut, unauth, kiStaff, http.StatusConflict)),
	// Needs: the town's coordinator and the KI; nobody else may even read them (404).
	"GET /plaene/:plan/kommunen/:slug/bedarfe": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, ok, kiStaff, ok),
	"POST /plaene/:plan/kommunen/:slug/bedarfe": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, invalid, kiStaff, invalid),
	"GET /plaene/:plan/bedarfe": expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	// An empty form (no version to save from) is incomplete (400).
	"POST /plaene/:plan/bedarfe/:id": expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, badReq),
	// Local measures: the town's coordinator and the KI.
	"GET /plaene/:plan/kommunen/:slug/massnahmen/neu": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, ok, kiStaff, ok),
	"POST /plaene/:plan/kommunen/:slug/massnahmen/neu": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, invalid, kiStaff, invalid),

	// Addresses from before plans were part of them: members are sent on to
	// the plan that is current for them; a town or measure of another county
	// is not found.
	"GET /kommunen":              anyMember(moved),
	"GET /unterstuetzung":        anyMember(moved),
	"GET /bedarfe":               anyMember(moved),
	"POST /bedarfe/:id":          expect(keepPost, signedOut, unauth, noRole, forbidden),
	"GET /massnahmen/:id":        outside(anyMember(moved)),
	"GET /kommunen/:slug":        outside(anyMember(moved)),
	"GET /kommunen/:slug/*rest":  outside(anyMember(moved)),
	"POST /kommunen/:slug/*rest": outside(expect(keepPost, signedOut, unauth, noRole, forbidden)),

	// Personal API tokens: every member manages their own. An empty form is
	// incomplete; token 999999 is nobody's (and another's is not found either).
	"GET /konto/api-zugaenge":                 anyMember(ok),
	"POST /konto/api-zugaenge":                expect(invalid, signedOut, unauth, noRole, forbidden),
	"POST /konto/api-zugaenge/:id/widerrufen": expect(notFound, signedOut, unauth, noRole, forbidden),

	"GET /verwaltung/benutzer": expect(notFound, signedOut, seeOther, noRole, forbidden, adminStaff, ok),
	"POST /verwaltung/mitgliedschaften": expect(notFound, signedOut, unauth, noRole, forbidden,
		adminStaff, invalid),
	// The confirmation before a revoke; membership 999999 does not exist.
	"GET /verwaltung/mitgliedschaften/:id/entziehen": expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /verwaltung/mitgliedschaften/:id/entziehen": expect(notFound, signedOut, unauth, noRole, forbidden,
		adminStaff, invalid), // membership 999999 does not exist

	// KI monitoring across towns and its downloads: the KI of the plan's
	// county only; nobody else learns the page exists (404). The shortcut
	// outside a plan sends every member on to their current plan.
	"GET /plaene/:plan/monitoring":      expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/monitoring.xlsx": expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/monitoring.csv":  expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /monitoring":                   anyMember(moved),
	// Reporting rounds: the KI runs them; nobody else learns of the KI's pages
	// (404). Round 999999 does not exist, for the KI too (404); an empty form
	// to open a round is incomplete (422).
	// A town's coordinator completes only their own town: with no round open
	// the answer is a conflict (409), past authorization.
	"GET /plaene/:plan/berichtsrunden":                   expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/berichtsrunden":                  expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"GET /plaene/:plan/berichtsrunden/:id":               expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/berichtsrunden/:id/erinnerung":   expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/berichtsrunden/:id/abschliessen": expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/kommunen/:slug/berichtsrunde/abgeschlossen": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, http.StatusConflict),
	"POST /plaene/:plan/kommunen/:slug/berichtsrunde/zuruecknehmen": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, http.StatusConflict),
	// Committee reports: every member of the county reads the list; only the
	// KI drafts, freezes and corrects (everyone else who reads gets 403).
	// Report 999999 does not exist; empty forms lack their version (400) or
	// title, period and coverage (422).
	"GET /plaene/:plan/berichte":                 reader,
	"GET /plaene/:plan/berichte/neu":             outside(expect(forbidden, signedOut, seeOther, kiStaff, ok)),
	"POST /plaene/:plan/berichte":                outside(expect(forbidden, signedOut, unauth, kiStaff, invalid)),
	"GET /plaene/:plan/berichte/:id/bearbeiten":  outside(expect(forbidden, signedOut, seeOther, kiStaff, notFound)),
	"POST /plaene/:plan/berichte/:id/bearbeiten": outside(expect(forbidden, signedOut, unauth, kiStaff, badReq)),
	"POST /plaene/:plan/berichte/:id/einfrieren": outside(expect(forbidden, signedOut, unauth, kiStaff, badReq)),
	"POST /plaene/:plan/berichte/:id/korrektur":  outside(expect(forbidden, signedOut, unauth, kiStaff, invalid)),
	// Frozen reports and their downloads (exports). Report 999999 does not
	// exist; report_test.go asks the same routes of a real report.
	"GET /plaene/:plan/berichte/:id":              expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/berichte/:id/bericht.pdf":  expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/berichte/:id/bericht.xlsx": expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/berichte/:id/bericht.csv":  expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/berichte/:id/ratsinfo.zip": expect(notFound, signedOut, seeOther, noRole, forbidden),
	// The navigation's link to the reporting rounds outside a plan sends
	// every member on to their current plan (which only the KI may open).
	"GET /berichtsrunden": anyMember(moved),

	// Sachstand and relevance on the implementation page (issue 10, one-step report).
	// Empty forms: allowed visitors get past authorization and are told the form is incomplete (400).
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/sachstand": outside(expect(forbidden, signedOut, seeOther,
		coordOwn, ok, kiStaff, ok)),
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/sachstand": outside(expect(forbidden, signedOut, unauth,
		coordOwn, badReq, kiStaff, badReq)),
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/relevanz": outside(expect(forbidden, signedOut, seeOther,
		coordOwn, ok, kiStaff, ok)),
	"POST /plaene/:plan/kommunen/:slug/umsetzungen/:id/relevanz": outside(expect(forbidden, signedOut, unauth,
		coordOwn, badReq, kiStaff, badReq)),
	// A reloaded form address leads readers to the form's section (303).
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/meldungen":    expect(seeOther, noRole, forbidden, kiElsewhere, notFound, coordElsewhere, notFound),
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/meilensteine": expect(seeOther, noRole, forbidden, kiElsewhere, notFound, coordElsewhere, notFound),
	"GET /plaene/:plan/kommunen/:slug/umsetzungen/:id/kommentare": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, seeOther, kiStaff, seeOther),
	// Inbox ("Neu für Sie") and start pages: every member has their own; the
	// list of plans moved from "/" to /plaene. An empty choice of start page
	// is refused (422); entry 999999 is nobody's (404), another's neither.
	"GET /plaene":           anyMember(ok),
	"GET /start":            anyMember(ok),
	"POST /start":           expect(invalid, signedOut, unauth, noRole, forbidden),
	"GET /neu":              anyMember(ok),
	"POST /neu/gelesen":     expect(seeOther, signedOut, unauth, noRole, forbidden),
	"POST /neu/:id/gelesen": expect(notFound, signedOut, unauth, noRole, forbidden),

	// Mail and background jobs (issue 11). Everyone sets their own
	// notifications (an empty form names no language: refused); a town's
	// coordination and the KI set its role mailbox (an empty form removes
	// it); only admins read the send log and run jobs again (id 999999:
	// no such mail or job).
	"GET /einstellungen/benachrichtigungen":  anyMember(ok),
	"POST /einstellungen/benachrichtigungen": expect(invalid, signedOut, unauth, noRole, forbidden),
	// Nobody else reads a town's mailbox setting: 404, not 403.
	"GET /plaene/:plan/kommunen/:slug/funktionspostfach": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, ok, kiStaff, ok),
	"POST /plaene/:plan/kommunen/:slug/funktionspostfach": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, seeOther, kiStaff, seeOther),
	"GET /verwaltung/e-mails":                    expect(notFound, signedOut, seeOther, noRole, forbidden, adminStaff, ok),
	"GET /verwaltung/e-mails/:id":                expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /verwaltung/auftraege":                  expect(notFound, signedOut, seeOther, noRole, forbidden, adminStaff, ok),
	"POST /verwaltung/auftraege/:id/wiederholen": expect(notFound, signedOut, unauth, noRole, forbidden),
	// Catalogue editor (issue 12): the KI of the plan's county only; nobody
	// else learns the pages exist (404). Paths ask for goal 999999, which does
	// not exist (404 for the KI too); empty forms are incomplete (422), a move
	// without a direction is refused (400 before the item is looked up).
	"GET /plaene/:plan/katalog":                             expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/katalog/verlauf":                     expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/katalog/:level/neu":                  expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/katalog/:level/neu":                 expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"GET /plaene/:plan/katalog/:level/:id":                  expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/katalog/:level/:id":                 expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"POST /plaene/:plan/katalog/:level/:id/verschieben":     expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, badReq),
	"POST /plaene/:plan/katalog/:level/:id/entfallen":       expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/katalog/:level/:id/wiederaufnehmen": expect(notFound, signedOut, unauth, noRole, forbidden),
	// Its files: the catalogue for every reader of the plan, all towns' states
	// for the KI only, one town's for every reader of its workspace.
	"GET /plaene/:plan/katalog.xlsx":                    reader,
	"GET /plaene/:plan/katalog.csv":                     reader,
	"GET /plaene/:plan/umsetzungen.xlsx":                expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/umsetzungen.csv":                 expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /plaene/:plan/kommunen/:slug/umsetzungen.xlsx": reader,
	"GET /plaene/:plan/kommunen/:slug/umsetzungen.csv":  reader,
	// Imports: the catalogue by the KI only (nobody else learns of it, 404),
	// a town's states by its coordinator or the KI (others who read: 403).
	// Empty posts name no file (422) or no kept upload (404); the templates
	// are for every reader of the plan.
	"GET /plaene/:plan/katalog/import":                     expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/katalog/import":                    expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"POST /plaene/:plan/katalog/import/bestaetigen":        expect(notFound, signedOut, unauth, noRole, forbidden),
	"GET /plaene/:plan/kommunen/:slug/import":              outside(expect(forbidden, signedOut, seeOther, coordOwn, ok, kiStaff, ok)),
	"POST /plaene/:plan/kommunen/:slug/import":             outside(expect(forbidden, signedOut, unauth, coordOwn, invalid, kiStaff, invalid)),
	"POST /plaene/:plan/kommunen/:slug/import/bestaetigen": outside(expect(forbidden, signedOut, unauth, coordOwn, notFound, kiStaff, notFound)),
	"GET /plaene/:plan/vorlagen/katalog.xlsx":              reader,
	"GET /plaene/:plan/vorlagen/umsetzungen.xlsx":          reader,
	// Offers (issue 13): a town's coordination and the KI maintain them; nobody
	// else learns of the internal pages (404). The matrix names no real offer
	// (404 past authorization; offers_access_test.go asks with real ones);
	// empty forms lack a title (422) or their version (400). The public
	// directory needs no sign-in; :ref and :token name nothing (404).
	"GET /plaene/:plan/kommunen/:slug/angebote": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, ok, kiStaff, ok),
	"GET /plaene/:plan/kommunen/:slug/angebote/neu": expect(notFound, signedOut, seeOther, noRole, forbidden,
		coordOwn, ok, kiStaff, ok),
	"POST /plaene/:plan/kommunen/:slug/angebote/neu": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, invalid, kiStaff, invalid),
	"GET /plaene/:plan/kommunen/:slug/angebote/:id":            expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/kommunen/:slug/angebote/:id/bearbeiten": expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/bearbeiten": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, badReq, kiStaff, badReq),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/status": expect(notFound, signedOut, unauth, noRole, forbidden,
		coordOwn, badReq, kiStaff, badReq),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/links":                  expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/links/:link/widerrufen": expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/links/:link/erledigt":   expect(notFound, signedOut, unauth, noRole, forbidden),
	"GET /plaene/:plan/kommunen/:slug/angebote/:id/uebersetzungen/:lang":    expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/uebersetzungen/:lang":   expect(notFound, signedOut, unauth, noRole, forbidden),
	// The plan's public status page: the demo plan publishes nothing (404); its setting is the KI's.
	"GET /plaene/:plan/oeffentlich":                          expect(notFound),
	"GET /plaene/:plan/oeffentlich/berichte/:id/bericht.pdf": expect(notFound),
	"GET /plaene/:plan/oeffentlich/kommunen/:slug":           expect(notFound),
	"GET /plaene/:plan/veroeffentlichung":                    expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/veroeffentlichung":                   expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, seeOther),
	"GET /offene-daten/angebote.csv":                         expect(ok),
	"GET /offene-daten/angebote.jsonld":                      expect(ok),
	"GET /plaene/:plan/suchluecken":                          expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"GET /angebote":                                          expect(ok),
	"GET /angebote/:ref":                                     expect(notFound),
	"GET /angebote/:ref/kontakt.txt":                         expect(notFound),
	"GET /bestaetigung/:token":                               expect(notFound),
	"POST /bestaetigung/:token":                              expect(notFound),
	// Plan versions (Fortschreibung, issue 12): the county's KI only; nobody
	// else learns of it (404). The demo plan has no next version: the page is
	// the start form, an empty start form is incomplete (422), and the
	// mapping, adoption and annex find no draft (404).
	"GET /plaene/:plan/fortschreibung":                       expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/fortschreibung":                      expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"GET /plaene/:plan/fortschreibung/massnahmen/:id":        expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/fortschreibung/massnahmen/:id":       expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/fortschreibung/beschliessen":         expect(notFound, signedOut, unauth, noRole, forbidden),
	"POST /plaene/:plan/fortschreibung/verwerfen":            expect(notFound, signedOut, unauth, noRole, forbidden),
	"GET /plaene/:plan/fortschreibung/aenderungsanlage.pdf":  expect(notFound, signedOut, seeOther, noRole, forbidden),
	"GET /plaene/:plan/fortschreibung/aenderungsanlage.xlsx": expect(notFound, signedOut, seeOther, noRole, forbidden),
	// Issue 13, rest (public2): offers' confirmation links by e-mail.
	"POST /plaene/:plan/kommunen/:slug/angebote/:id/links/senden": expect(notFound, signedOut, unauth, noRole, forbidden),
	// Issue 13, open data of the plans' status (opendata): anyone, signed in
	// or not; the demo plan publishes nothing, so its datasets are not found.
	"GET /offene-daten/katalog.jsonld":            expect(ok),
	"GET /offene-daten/plaene/:plan/stand.csv":    expect(notFound),
	"GET /offene-daten/plaene/:plan/stand.jsonld": expect(notFound),
	// The themes of offers (issue 13): the county's KI only. The path names
	// no theme (404); an empty new theme lacks its name (422).
	"GET /plaene/:plan/angebotsthemen":        expect(notFound, signedOut, seeOther, noRole, forbidden, kiStaff, ok),
	"POST /plaene/:plan/angebotsthemen":       expect(notFound, signedOut, unauth, noRole, forbidden, kiStaff, invalid),
	"GET /plaene/:plan/angebotsthemen/:code":  expect(notFound, signedOut, seeOther, noRole, forbidden),
	"POST /plaene/:plan/angebotsthemen/:code": expect(notFound, signedOut, unauth, noRole, forbidden),
}

// TestAuthorizationMatrix asks every registered route as every kind of
// visitor, against the real router, sessions and database. A route without
// a row in the matrix fails the test.
func TestAuthorizationMatrix(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	clients := map[who]*http.Client{signedOut: anonymous(), noRole: a.signInWithoutRole(t)}
	for v, user := range map[who]string{coordOwn: "duelmen", coordOther: "duelmen", kiStaff: "ki-1",
		committee: "ausschuss-1", adminStaff: "admin", kiElsewhere: "ausschuss-2", coordElsewhere: "senden"} {
		clients[v] = a.signIn(t, user)
	}
	ids := a.pathValues(t)
	for _, rt := range a.Server.Routes() {
		key := rt.Method + " " + rt.Path
		want, listed := matrix[key]
		if !listed {
			t.Errorf("route %s has no row in the authorization matrix", key)
			continue
		}
		if key == "POST /abmelden" || key == "GET /anmelden/callback" {
			continue // sign-out ends the visitor's session; both are asked last, below
		}
		for _, v := range visitors {
			town := "duelmen"
			if v == coordOther {
				town = "olfen"
			}
			status, _, _ := fetch(t, clients[v], rt.Method, a.URL+ids.fill(rt.Path, town), ids.form(rt.Path)...)
			if status != want[v] {
				t.Errorf("%s as %s: %d, want %d", key, v, status, want[v])
			}
		}
	}
	for _, key := range []string{"GET /anmelden/callback", "POST /abmelden"} {
		method, path, _ := strings.Cut(key, " ")
		for _, v := range visitors {
			if status, _, _ := fetch(t, clients[v], method, a.URL+path); status != matrix[key][v] {
				t.Errorf("%s as %s: %d, want %d", key, v, status, matrix[key][v])
			}
		}
	}
}

// pathIDs are real ids for the parameters of the routes.
type pathIDs struct {
	plan    string
	measure int64
	impl    map[string]int64 // by municipality slug
}

func (a *app) pathValues(t *testing.T) pathIDs {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	ids := pathIDs{plan: plan.Slug, impl: map[string]int64{}}
	for _, slug := range []string{"duelmen", "olfen"} {
		org, err := a.DB.FindOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
		if err != nil || len(items) == 0 {
			t.Fatalf("workspace %s: %v", slug, err)
		}
		ids.impl[slug], ids.measure = items[0].ID, items[0].MeasureID
	}
	return ids
}

func (p pathIDs) fill(path, town string) string {
	r := strings.NewReplacer(":plan", p.plan, ":slug", town, "*filepath", "app.css",
		"*rest", fmt.Sprintf("umsetzungen/%d", p.impl[town]), ":level", "ziele")
	path = r.Replace(path)
	switch {
	case strings.Contains(path, "/massnahmen/"):
		path = strings.Replace(path, ":id", fmt.Sprint(p.measure), 1)
	case strings.Contains(path, "/kommunen/"):
		path = strings.Replace(path, ":id", fmt.Sprint(p.impl[town]), 1)
	default:
		path = strings.Replace(path, ":id", "999999", 1)
	}
	return path
}

func (p pathIDs) form(path string) []string {
	if strings.HasPrefix(path, "/verwaltung/mitgliedschaften") {
		return []string{"user_id="}
	}
	if strings.HasSuffix(path, "/bearbeiten") {
		return []string{"relevance=relevant"}
	}
	return nil
}

// signInWithoutRole signs in a demo account whose memberships were all revoked.
func (a *app) signInWithoutRole(t *testing.T) *http.Client {
	t.Helper()
	ctx := context.Background()
	c := a.signIn(t, "ki-2")
	accounts, err := a.DB.FindAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range accounts {
		if acc.Subject != "demo-ki-2" {
			continue
		}
		for _, m := range acc.Memberships {
			if err := a.DB.RevokeMembership(ctx, nil, m.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return c
}
