package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// supportCase is one implementation of a town, as stored now.
type supportCase struct {
	org     domain.Organisation
	impl    domain.Implementation
	path    string // the implementation page
	request string // the support request route
	answer  string // the KI's answer route
}

// implWithSupport finds an implementation of the town in the given support state.
func (a *app) implWithSupport(t *testing.T, slug string, state domain.Support) supportCase {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	org, err := a.DB.FindOrganisationBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Support == state {
			return a.supportCaseOf(t, org, it.ID)
		}
	}
	t.Fatalf("the demo data has no implementation of %s with support %q", slug, state)
	return supportCase{}
}

// supportCaseOf reads an implementation afresh.
func (a *app) supportCaseOf(t *testing.T, org domain.Organisation, id int64) supportCase {
	t.Helper()
	d, err := a.DB.FindImplementationDetail(context.Background(), a.key(t, org.ID, id))
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s"+demoPlan+"/kommunen/%s/umsetzungen/%d", a.URL, org.Slug, id)
	return supportCase{org: org, impl: d.Implementation, path: path,
		request: path + "/unterstuetzung", answer: path + "/unterstuetzung/antwort"}
}

func (a *app) reload(t *testing.T, sc supportCase) supportCase {
	t.Helper()
	return a.supportCaseOf(t, sc.org, sc.impl.ID)
}

// formValues encodes name/value pairs for fetch.
func formValues(pairs ...string) []string {
	var out []string
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, pairs[i]+"="+url.QueryEscape(pairs[i+1]))
	}
	return out
}

func versionOf(i domain.Implementation) string { return fmt.Sprint(i.Version) }

func TestSupportAskedByTheTownAndAnsweredByTheKI(t *testing.T) {
	a := newApp(t)
	duelmen, ki := a.signIn(t, "duelmen"), a.signIn(t, "ki-1")
	sc := a.implWithSupport(t, "duelmen", domain.SupportNone)

	status, _, h := fetch(t, duelmen, "POST", sc.request, formValues("version", versionOf(sc.impl), "support_request", "  Wir suchen Dolmetscher.  ")...)
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), fmt.Sprintf("/umsetzungen/%d?gespeichert=unterstuetzung#unterstuetzung", sc.impl.ID)) {
		t.Fatalf("request: %d → %q", status, h.Get("Location"))
	}
	sc2 := a.reload(t, sc)
	if sc2.impl.Support != domain.SupportRequested || sc2.impl.SupportRequest != "Wir suchen Dolmetscher." ||
		sc2.impl.Version != sc.impl.Version+1 || sc2.impl.SupportRequestedAt == nil {
		t.Fatalf("after the request: %+v", sc2.impl)
	}
	events, err := a.DB.FindAuditEvents(context.Background(), sc.org.ID, "implementation", sc.impl.ID)
	if err != nil || len(events) == 0 || events[0].Changes["support"].New != "requested" {
		t.Errorf("no audit event of the request: %+v, %v", events, err)
	}

	// The coordinator cannot answer their own request.
	if status, _, _ := fetch(t, duelmen, "POST", sc.answer, formValues("version", versionOf(sc2.impl), "decision", "accepted")...); status != http.StatusForbidden {
		t.Errorf("coordinator answers: %d, want 403", status)
	}

	// Declining needs a reason: refused, the form comes back with the input kept.
	status, body, _ := fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc2.impl), "decision", "declined", "support_response", "  ")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("decline without reason: %d, want 422", status)
	}
	mustContain(t, body, "Bitte geben Sie einen Grund an", `id="decision-declined" name="decision" value="declined" checked`,
		`aria-describedby="support_response-error"`, "Wir suchen Dolmetscher.")
	if a.reload(t, sc).impl.Version != sc2.impl.Version {
		t.Errorf("a refused answer was saved")
	}

	// Accepted, then an answer from the old version is refused as stale.
	if status, _, _ := fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc2.impl), "decision", "accepted", "support_response", "Wir melden uns.")...); status != http.StatusSeeOther {
		t.Fatalf("accept: %d", status)
	}
	status, body, _ = fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc2.impl), "decision", "declined", "support_response", "Doch nicht")...)
	if status != http.StatusConflict {
		t.Fatalf("answer from a stale version: %d, want 409", status)
	}
	mustContain(t, body, "inzwischen von jemand anderem geändert", "Doch nicht", "Wir melden uns.")
	sc3 := a.reload(t, sc)
	if sc3.impl.Support != domain.SupportAccepted || sc3.impl.SupportResponse != "Wir melden uns." {
		t.Fatalf("after accepting: %+v", sc3.impl)
	}
	if !strings.Contains(body, fmt.Sprintf(`name="version" value="%d"`, sc3.impl.Version)) {
		t.Errorf("the conflict page does not offer the current version %d", sc3.impl.Version)
	}

	// Done keeps the answer; then the town may ask again, which clears it.
	if status, _, _ := fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc3.impl), "decision", "done")...); status != http.StatusSeeOther {
		t.Fatalf("done: %d", status)
	}
	sc4 := a.reload(t, sc)
	if sc4.impl.Support != domain.SupportDone || sc4.impl.SupportResponse != "Wir melden uns." {
		t.Fatalf("after done: %+v", sc4.impl)
	}
	if status, _, _ := fetch(t, duelmen, "POST", sc.request, formValues("version", versionOf(sc4.impl), "support_request", "Noch einmal")...); status != http.StatusSeeOther {
		t.Fatalf("ask again: %d", status)
	}
	if sc5 := a.reload(t, sc); sc5.impl.Support != domain.SupportRequested || sc5.impl.SupportResponse != "" {
		t.Errorf("after asking again: %+v", sc5.impl)
	}
}

func TestSupportIsRefusedToThoseWhoMayNot(t *testing.T) {
	a := newApp(t)
	requested := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	none := a.implWithSupport(t, "duelmen", domain.SupportNone)
	cases := []struct {
		user string
		sc   supportCase
		url  string
		form []string
	}{
		{"olfen", none, none.request, formValues("version", versionOf(none.impl), "support_request", "Hilfe")},
		{"olfen", requested, requested.answer, formValues("version", versionOf(requested.impl), "decision", "accepted")},
		{"ausschuss-1", none, none.request, formValues("version", versionOf(none.impl), "support_request", "Hilfe")},
		{"ausschuss-1", requested, requested.answer, formValues("version", versionOf(requested.impl), "decision", "accepted")},
		{"admin", requested, requested.answer, formValues("version", versionOf(requested.impl), "decision", "accepted")},
		{"ki-1", none, none.request, formValues("version", versionOf(none.impl), "support_request", "Hilfe")},
	}
	for _, c := range cases {
		status, _, _ := fetch(t, a.signIn(t, c.user), "POST", c.url, c.form...)
		if status != http.StatusForbidden {
			t.Errorf("%s POST %s: %d, want 403", c.user, strings.TrimPrefix(c.url, a.URL), status)
		}
		if now := a.reload(t, c.sc); now.impl.Version != c.sc.impl.Version {
			t.Errorf("%s changed the implementation", c.user)
		}
	}
}

func TestBadSupportInputIsRefusedAndNothingSaved(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	none := a.implWithSupport(t, "duelmen", domain.SupportNone)
	requested := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	long := strings.Repeat("ä", domain.MaxSupportTextLen+1)
	cases := []struct {
		name   string
		sc     supportCase
		form   []string
		status int
		says   string
	}{
		{"empty", none, formValues("version", versionOf(none.impl), "support_request", " "), http.StatusUnprocessableEntity, "Bitte beschreiben Sie"},
		{"too long", none, formValues("version", versionOf(none.impl), "support_request", long), http.StatusUnprocessableEntity, "höchstens 4000 Zeichen lang sein (derzeit 4001)"},
		{"markup", none, formValues("version", versionOf(none.impl), "support_request", "<script>x</script>"+long), http.StatusUnprocessableEntity, "&lt;script&gt;x&lt;/script&gt;"},
		{"second request", requested, formValues("version", versionOf(requested.impl), "support_request", "Noch eine"), http.StatusUnprocessableEntity, "nicht möglich"},
		{"no version", none, formValues("support_request", "Hilfe"), http.StatusBadRequest, "unvollständig"},
		{"bad version", none, formValues("version", "1x", "support_request", "Hilfe"), http.StatusBadRequest, "unvollständig"},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, duelmen, "POST", c.sc.request, c.form...)
		if status != c.status || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d, want %d saying %q", c.name, status, c.status, c.says)
		}
		if strings.Contains(body, "<script>x") {
			t.Errorf("%s: markup shown unescaped", c.name)
		}
		if a.reload(t, c.sc).impl.Version != c.sc.impl.Version {
			t.Errorf("%s: saved", c.name)
		}
	}
	status, _, _ := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/umsetzungen/999999/unterstuetzung", formValues("version", "1", "support_request", "Hilfe")...)
	if status != http.StatusNotFound {
		t.Errorf("unknown implementation: %d, want 404", status)
	}
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, "POST", requested.answer, formValues("version", versionOf(requested.impl), "decision", "vielleicht")...)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `aria-describedby="decision-error"`) {
		t.Errorf("unknown decision: %d", status)
	}
	status, _, _ = fetch(t, ki, "POST", requested.answer, formValues("version", versionOf(requested.impl), "decision", "done")...)
	if status != http.StatusUnprocessableEntity || a.reload(t, requested).impl.Support != domain.SupportRequested {
		t.Errorf("done before accepting: %d, want 422 and nothing saved", status)
	}
}

// queueLinks lists the implementations the queue links to, in page order.
var queueLink = regexp.MustCompile(`href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/([a-z-]+)/umsetzungen/(\d+)#unterstuetzung"`)

func queueLinks(body string) []string {
	var out []string
	for _, m := range queueLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1]+"/"+m[2])
	}
	return out
}

// openRequests lists every open support request, oldest first, read town by
// town from the workspaces (not through the queue's own query).
func (a *app) openRequests(t *testing.T, keep func(slug string, s domain.Support) bool) []string {
	t.Helper()
	ctx := context.Background()
	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	orgs, err := a.DB.FindOrganisations(ctx, domain.OrgMunicipality)
	if err != nil {
		t.Fatal(err)
	}
	type open struct {
		key string
		at  int64
		id  int64
	}
	var all []open
	for _, o := range orgs {
		items, err := a.DB.FindWorkspace(ctx, o.ID, plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if (it.Support == domain.SupportRequested || it.Support == domain.SupportAccepted) && keep(o.Slug, it.Support) {
				if it.SupportRequestedAt == nil {
					t.Fatalf("open request %d has no time", it.ID)
				}
				all = append(all, open{fmt.Sprintf("%s/%d", o.Slug, it.ID), it.SupportRequestedAt.UnixMicro(), it.ID})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].at < all[j].at || all[i].at == all[j].at && all[i].id < all[j].id })
	out := make([]string, len(all))
	for i, o := range all {
		out[i] = o.key
	}
	return out
}

func TestSupportQueueListsOpenRequestsOldestFirst(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, "GET", a.URL+demoPlan+"/unterstuetzung")
	if status != http.StatusOK {
		t.Fatalf("queue: %d", status)
	}
	want := a.openRequests(t, func(_ string, s domain.Support) bool { return s == domain.SupportRequested })
	if len(want) < 3 {
		t.Fatalf("the demo data has only %d new requests", len(want))
	}
	if got := queueLinks(body); !slices.Equal(got, want) {
		t.Errorf("the tab of new requests lists\n%v\nwant (requested only, oldest first)\n%v", got, want)
	}
	mustContain(t, body, `<a class="kern-link" href="/plaene/integrationskonzept-kreis-coesfeld/unterstuetzung" aria-current="page">Unterstützungsanfragen</a>`,
		`href="/plaene/integrationskonzept-kreis-coesfeld/unterstuetzung?ansicht=neu" aria-current="page">Neu</a>`)

	_, body, _ = fetch(t, ki, "GET", a.URL+demoPlan+"/unterstuetzung?kommune=duelmen&ansicht=angenommen")
	want = a.openRequests(t, func(slug string, s domain.Support) bool { return slug == "duelmen" && s == domain.SupportAccepted })
	if got := queueLinks(body); !slices.Equal(sorted(got), sorted(want)) || len(want) == 0 {
		t.Errorf("Dülmen's accepted requests: %v, want %v", got, want)
	}
	mustContain(t, body, `<option value="duelmen" selected>`, `?ansicht=angenommen&amp;kommune=duelmen" aria-current="page">Angenommen</a>`)
	if strings.Contains(body, "wartet seit") {
		t.Error("accepted requests still say how long the town has been waiting")
	}

	// Unknown filter values list everything rather than fail.
	if status, _, _ := fetch(t, ki, "GET", a.URL+demoPlan+"/unterstuetzung?kommune="+strings.Repeat("x", 300)+"&stand=<b>"); status != http.StatusOK {
		t.Errorf("odd filter values: %d", status)
	}
	for _, path := range []string{demoPlan + "/unterstuetzung", demoPlan + "/unterstuetzung?kommune=duelmen&ansicht=abgeschlossen"} {
		if n := queriesOf(t, a, ki, path); n > 5 {
			t.Errorf("%s ran %d SQL statements, budget 5", path, n)
		}
	}
}

func TestSupportQueueIsInTheNavigationOfTheKIOnly(t *testing.T) {
	a := newApp(t)
	for user, shown := range map[string]bool{"ki-1": true, "duelmen": false, "ausschuss-1": false, "admin": false} {
		_, body, _ := fetch(t, a.signIn(t, user), "GET", a.URL+demoPlan+"/kommunen")
		if got := strings.Contains(body, `href="/plaene/integrationskonzept-kreis-coesfeld/unterstuetzung"`); got != shown {
			t.Errorf("%s: queue in the navigation = %v, want %v", user, got, shown)
		}
	}
}

// TestSupportSectionOnTheImplementationPage checks the section the
// implementation page includes with
// {{template "support-section" (supportArgs $ .Data.Org .Data.Impl .Data.Support)}}.
func TestSupportSectionOnTheImplementationPage(t *testing.T) {
	a := newApp(t)
	requested := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	declined := a.implWithSupport(t, "duelmen", domain.SupportDeclined)
	const askForm, answerForm = `/unterstuetzung" class="support-form"`, `/unterstuetzung/antwort" class="support-form"`
	cases := []struct {
		user              string
		sc                supportCase
		section, ask, ans bool
	}{
		{"duelmen", declined, true, true, false},   // ask again after a refusal
		{"duelmen", requested, true, false, false}, // waiting for the KI
		{"ki-1", requested, true, false, true},
		{"ki-1", declined, true, false, false},
		{"admin", requested, true, false, false},
		{"ausschuss-1", requested, false, false, false},
		{"olfen", requested, false, false, false},
	}
	for _, c := range cases {
		_, body, _ := fetch(t, a.signIn(t, c.user), "GET", c.sc.path)
		got := []bool{strings.Contains(body, `id="unterstuetzung"`), strings.Contains(body, askForm), strings.Contains(body, answerForm)}
		if want := []bool{c.section, c.ask, c.ans}; !slices.Equal(got, want) {
			t.Errorf("%s on %s support: section, ask, answer = %v, want %v", c.user, c.sc.impl.Support, got, want)
		}
		if c.section && !strings.Contains(body, c.sc.impl.SupportRequest) {
			t.Errorf("%s does not see the request text", c.user)
		}
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
