package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// kv is one form field, URL-encoded for fetch.
func kv(key, value string) string { return key + "=" + url.QueryEscape(value) }

// tracked is Dülmen's first implementation, put into a known state: relevant,
// in progress at 20 %, with a responsible body, a role mailbox and dates.
type tracked struct {
	org  domain.Organisation
	impl domain.Implementation
	path string // the implementation page
}

func (a *app) tracked(t *testing.T) tracked {
	t.Helper()
	ctx := context.Background()
	org, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := a.DB.FindImplementation(ctx, a.key(t, org.ID, a.pathValues(t).impl["duelmen"]))
	if err != nil {
		t.Fatal(err)
	}
	start, due := date(t, "2026-01-01"), date(t, "2027-06-30")
	impl, err := a.DB.UpdateImplementation(ctx, a.key(t, org.ID, cur.ID), cur.Version, nil, func(i domain.Implementation) (domain.Implementation, error) {
		i.Relevance, i.RelevanceNote, i.Status, i.StatusNote, i.Progress = domain.RelevanceRelevant, "", domain.StatusInProgress, "", 20
		i.ResponsibleOrg, i.Contact, i.ContactIsPerson, i.ContactConsentAt = "Fachbereich 50", "integration@duelmen.de", false, nil
		i.StartOn, i.DueOn, i.Continuous = &start, &due, false
		return i, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tracked{org: org, impl: impl, path: fmt.Sprintf(demoPlan+"/kommunen/duelmen/umsetzungen/%d", impl.ID)}
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// current reloads the tracked implementation.
func (a *app) current(t *testing.T, tr tracked) domain.Implementation {
	t.Helper()
	impl, err := a.DB.FindImplementation(context.Background(), a.key(t, tr.org.ID, tr.impl.ID))
	if err != nil {
		t.Fatal(err)
	}
	return impl
}

// records loads everything recorded about the tracked implementation.
func (a *app) records(t *testing.T, tr tracked) domain.ImplementationRecords {
	t.Helper()
	r, err := a.DB.FindImplementationRecords(context.Background(), a.key(t, tr.org.ID, tr.impl.ID),
		domain.RecordScope{History: true, Comments: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// editForm is the edit form as a browser sends it for impl, with some fields
// replaced (key=value pairs, unencoded).
func editForm(impl domain.Implementation, replace ...string) []string {
	values := map[string]string{
		"version": strconv.Itoa(impl.Version), "relevance": string(impl.Relevance), "relevance_note": impl.RelevanceNote,
		"status": string(impl.Status), "status_note": impl.StatusNote, "progress": strconv.Itoa(impl.Progress),
		"responsible_org": impl.ResponsibleOrg, "contact_kind": "mailbox", "contact": impl.Contact,
		"start_on": isoDate(impl.StartOn), "due_on": isoDate(impl.DueOn),
	}
	if impl.ContactIsPerson {
		values["contact_kind"], values["contact_consent"] = "person", "yes"
	}
	if impl.Continuous {
		values["continuous"] = "yes"
	}
	for _, r := range replace {
		k, v, _ := strings.Cut(r, "=")
		values[k] = v
	}
	var form []string
	for k, v := range values {
		form = append(form, kv(k, v))
	}
	return form
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// besideField checks that a re-rendered form marks field as invalid, links
// it to its message and shows the message (German) next to it.
func besideField(t *testing.T, body, field, message string) {
	t.Helper()
	input := regexp.MustCompile(`<(input|textarea|select)[^>]*name="`+field+`"[^>]*>`).FindAllString(body, -1)
	if len(input) == 0 {
		t.Fatalf("no field %q in the page", field)
	}
	linked := false
	for _, in := range input {
		if strings.Contains(in, `aria-invalid="true"`) && regexp.MustCompile(`aria-describedby="[^"]*\b`+field+`-error"`).MatchString(in) {
			linked = true
		}
	}
	if !linked {
		t.Errorf("field %s is not marked invalid and linked to its message: %s", field, input[0])
	}
	msg := regexp.MustCompile(`(?s)<p class="kern-error" id="` + field + `-error">.*?</p>`).FindString(body)
	if !strings.Contains(msg, message) {
		t.Errorf("message beside %s = %q, want it to say %q", field, msg, message)
	}
}

func TestEditSavesResponsibilityContactAndDatesInOneAuditEvent(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	before := len(a.records(t, tr).History)

	status, _, hdr := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/bearbeiten", editForm(tr.impl,
		"progress=45", "responsible_org=Amt für Integration", "contact_kind=person", "contact=Erika Muster",
		"contact_consent=yes", "start_on=2026-02-01", "due_on=2027-03-31")...)
	if status != http.StatusSeeOther || hdr.Get("Location") != tr.path+"?gespeichert=bearbeitet" {
		t.Fatalf("save = %d → %q, want 303 to the implementation and its confirmation", status, hdr.Get("Location"))
	}
	got := a.current(t, tr)
	if got.Version != tr.impl.Version+1 || got.Progress != 45 || got.ResponsibleOrg != "Amt für Integration" ||
		got.Contact != "Erika Muster" || !got.ContactIsPerson || got.ContactConsentAt == nil ||
		!got.ContactConsentAt.Equal(today) || isoDate(got.StartOn) != "2026-02-01" || isoDate(got.DueOn) != "2027-03-31" {
		t.Errorf("saved %+v", got)
	}
	history := a.records(t, tr).History
	if len(history) != before+1 {
		t.Fatalf("%d new audit events, want exactly 1", len(history)-before)
	}
	for _, field := range []string{"progress", "responsible_org", "contact", "contact_is_person", "contact_consent_at", "start_on", "due_on"} {
		if _, ok := history[0].Changes[field]; !ok {
			t.Errorf("the audit event lacks %s: %+v", field, history[0].Changes)
		}
	}
	if len(history[0].Changes) != 7 {
		t.Errorf("the audit event lists %d fields, want the 7 changed ones: %+v", len(history[0].Changes), history[0].Changes)
	}

	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, "Amt für Integration", "Erika Muster", "(Person)", "Kontakt ist eine Person",
		"Einwilligung erteilt", "25.11.2026, 13:00 Uhr", "fällig am 31.03.2027", "Fachbereich 50")

	// An ongoing task: no due date.
	status, _, _ = fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/bearbeiten", editForm(a.current(t, tr),
		"continuous=yes", "due_on=")...)
	if got := a.current(t, tr); status != http.StatusSeeOther || !got.Continuous || got.DueOn != nil {
		t.Errorf("ongoing task: %d, saved %+v", status, got)
	}
	// The consent keeps its time while the same person stays the contact.
	if got := a.current(t, tr); got.ContactConsentAt == nil || !got.ContactConsentAt.Equal(today) {
		t.Errorf("consent time changed on an unrelated save: %v", got.ContactConsentAt)
	}
}

func TestEditRefusesBadInputAndKeepsItBesideTheField(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	long := strings.Repeat("ä", 2001)
	cases := []struct {
		name, field, message string
		replace              []string
		kept                 string // as it shows in the page
	}{
		{"invalid transition", "status", "Von „in Umsetzung“ aus ist ein Wechsel zu „geplant“ nicht möglich",
			[]string{"status=planned", "responsible_org=Behalte mich"}, `value="Behalte mich"`},
		{"cancelled without reason", "status_note", "Bitte geben Sie einen Grund an",
			[]string{"status=cancelled", "status_note=  "}, `<option value="cancelled" selected>`},
		{"progress over 100", "progress", "zwischen 0 und 100", []string{"progress=150"}, `value="150"`},
		{"progress below 0", "progress", "zwischen 0 und 100", []string{"progress=-1"}, `value="-1"`},
		{"progress not a number", "progress", "ganze Zahl", []string{"progress=viel"}, `value="viel"`},
		{"due before start", "due_on", "nicht vor dem Beginn", []string{"start_on=2026-05-01", "due_on=2026-04-30"}, `value="2026-04-30"`},
		{"ongoing task with due date", "due_on", "Daueraufgabe hat kein Fälligkeitsdatum", []string{"continuous=yes"}, `id="continuous" name="continuous" value="yes" checked`},
		{"impossible date", "start_on", "gültiges Datum", []string{"start_on=2026-02-30"}, `value="2026-02-30"`},
		{"reason too long", "relevance_note", "höchstens 2000 Zeichen", []string{"relevance=not_relevant", "relevance_note=" + long}, long[:2000*len("ä")]}, // echoed up to the field's maximum (echo_test checks the cut)
		{"responsible body too long", "responsible_org", "höchstens 200 Zeichen", []string{"responsible_org=" + strings.Repeat("x", 201)}, `value="` + strings.Repeat("x", 200) + `"`},
		{"mailbox that is no address", "contact", "E-Mail-Adresse", []string{"contact=Erika Muster"}, `value="Erika Muster"`},
		{"person without consent", "contact_consent", "Einwilligung", []string{"contact_kind=person", "contact=Erika Muster"}, `value="Erika Muster"`},
		{"script in a text", "due_on", "nicht vor dem Beginn", []string{"responsible_org=<script>alert(1)</script>", "due_on=2025-01-01"},
			`value="&lt;script&gt;alert(1)&lt;/script&gt;"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/bearbeiten", editForm(tr.impl, c.replace...)...)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			besideField(t, body, c.field, c.message)
			mustContain(t, body, c.kept, "Nicht gespeichert")
			if strings.Contains(body, "<script>alert(1)") {
				t.Error("the script is in the page unescaped")
			}
			if got := a.current(t, tr); got.Version != tr.impl.Version {
				t.Errorf("a refused edit saved something: version %d → %d", tr.impl.Version, got.Version)
			}
		})
	}
}

func TestTextWithHTMLIsSavedAndShownEscaped(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	evil := `<script>alert("x")</script><b>fett</b>`
	status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/bearbeiten", editForm(tr.impl, "responsible_org="+evil)...)
	if status != http.StatusSeeOther {
		t.Fatalf("save = %d", status)
	}
	for _, path := range []string{tr.path, tr.path + "/bearbeiten"} {
		_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+path)
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<b>fett") {
			t.Errorf("%s shows the HTML as markup", path)
		}
		mustContain(t, page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;")
	}
}

func TestProgressReportsFormATimelineWithStatusAtTheTime(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+"/sachstand")
	mustContain(t, page, `action="`+tr.path+`/sachstand"`, `name="reported_on" value="2026-11-25"`) // today by default

	status, _, hdr := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand", statusReportForm(tr.impl,
		"reported_on=2026-11-20", "report_body=Sprachcafé läuft <script>x()</script>")...)
	if status != http.StatusSeeOther || hdr.Get("Location") != tr.path+"?gespeichert=sachstand" {
		t.Fatalf("report = %d → %q", status, hdr.Get("Location"))
	}
	reports := a.records(t, tr).Reports
	if len(reports) == 0 || reports[0].Status != domain.StatusInProgress || reports[0].Progress != 20 ||
		reports[0].AuthorName != "Koordination Dülmen" || !reports[0].ReportedOn.Equal(date(t, "2026-11-20")) {
		t.Fatalf("newest report = %+v", reports)
	}
	_, page, _ = fetch(t, a.signIn(t, "ausschuss-1"), http.MethodGet, a.URL+tr.path)
	mustContain(t, page, `<time datetime="2026-11-20">20.11.2026</time> · in Umsetzung, 20`+"\u202f%",
		"Sprachcafé läuft &lt;script&gt;x()&lt;/script&gt;")
	if strings.Contains(page, tr.path+`/sachstand"`) {
		t.Error("the committee is offered the report form")
	}

	count := len(reports)
	long := strings.Repeat("ü", 5001)
	for _, c := range []struct {
		name, on, body, field, message, kept string
	}{
		{"no text", "2026-11-20", "   ", "report_body", "Bitte beschreiben Sie den Sachstand", `value="2026-11-20"`},
		{"text too long", "2026-11-20", long, "report_body", "höchstens 5000 Zeichen", long[:5000*len("ü")]},
		{"in the future", "2026-11-26", "Morgen", "reported_on", "nicht in der Zukunft", `value="2026-11-26"`},
		{"no date", "", "Ohne Datum", "reported_on", "Datum der Meldung", "Ohne Datum"},
		{"script kept escaped", "2026-13-01", "<script>alert(2)</script>", "reported_on", "Datum", "&lt;script&gt;alert(2)&lt;/script&gt;"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand",
				statusReportForm(tr.impl, "reported_on="+c.on, "report_body="+c.body)...)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			besideField(t, body, c.field, c.message)
			mustContain(t, body, c.kept)
			if strings.Contains(body, "<script>alert(2)") {
				t.Error("the script is in the page unescaped")
			}
		})
	}
	if n := len(a.records(t, tr).Reports); n != count {
		t.Errorf("refused reports were saved: %d → %d", count, n)
	}
}

func TestMilestonesAreAddedMarkedDoneReopenedAndDeleted(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	before := a.records(t, tr).Milestones

	status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/meilensteine",
		kv("milestone_title", "Träger <i>gewonnen</i>"), kv("milestone_due_on", "15.12.2026")) // as typed without a date picker
	if status != http.StatusSeeOther {
		t.Fatalf("add = %d", status)
	}
	after := a.records(t, tr).Milestones
	if len(after) != len(before)+1 {
		t.Fatalf("%d milestones, want %d", len(after), len(before)+1)
	}
	var m domain.Milestone
	for _, x := range after {
		if x.Title == "Träger <i>gewonnen</i>" {
			m = x
		}
	}
	if m.ID == 0 || isoDate(m.DueOn) != "2026-12-15" || m.Done {
		t.Fatalf("added milestone = %+v", m)
	}
	mpath := fmt.Sprintf("%s%s/meilensteine/%d", a.URL, tr.path, m.ID)
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, "Träger &lt;i&gt;gewonnen&lt;/i&gt;", "fällig am 15.12.2026", `action="`+tr.path+fmt.Sprintf("/meilensteine/%d/erledigt", m.ID))

	// Another town and the committee may look, not touch.
	for _, user := range []string{"olfen", "ausschuss-1"} {
		if status, _, _ := fetch(t, a.signIn(t, user), http.MethodPost, mpath+"/erledigt", "done=yes"); status != http.StatusForbidden {
			t.Errorf("%s marking done: %d, want 403", user, status)
		}
	}
	if status, _, _ := fetch(t, duelmen, http.MethodPost, mpath+"/erledigt", "done=yes"); status != http.StatusSeeOther {
		t.Fatalf("done = %d", status)
	}
	_, page, _ = fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, "erledigt am 25.11.2026", "Wieder öffnen", "Meilenstein „Träger &lt;i&gt;gewonnen&lt;/i&gt;“")
	if status, _, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodPost, mpath+"/erledigt", "done=no"); status != http.StatusSeeOther {
		t.Fatalf("reopen by the KI = %d", status)
	}
	if got := a.records(t, tr).Milestones; milestoneByID(got, m.ID).Done {
		t.Error("the milestone is still done after reopening")
	}
	if status, _, _ := fetch(t, duelmen, http.MethodPost, mpath+"/loeschen"); status != http.StatusSeeOther {
		t.Fatalf("delete = %d", status)
	}
	recs := a.records(t, tr)
	if milestoneByID(recs.Milestones, m.ID).ID != 0 {
		t.Error("the deleted milestone is still listed")
	}
	var actions []string
	for _, e := range recs.History {
		if e.Entity == "milestone" && e.EntityID == m.ID {
			actions = append(actions, e.Action)
		}
	}
	if strings.Join(actions, ",") != "delete,update,update,create" {
		t.Errorf("milestone history = %v, want delete,update,update,create", actions)
	}
	_, page, _ = fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, "Träger &lt;i&gt;gewonnen&lt;/i&gt; (fällig am 15.12.2026)") // the history keeps it
	if status, _, _ := fetch(t, duelmen, http.MethodPost, mpath+"/loeschen"); status != http.StatusNotFound {
		t.Errorf("deleting it again: %d, want 404", status)
	}

	for _, c := range []struct{ name, title, due, field, message, kept string }{
		{"no title", " ", "", "milestone_title", "Titel", ""},
		{"title too long", strings.Repeat("t", 301), "", "milestone_title", "höchstens 300 Zeichen", `value="` + strings.Repeat("t", 300) + `"`},
		{"bad date", "Auftakt", "31.02.2026", "milestone_due_on", "gültiges Datum", `value="Auftakt"`},
		{"year out of range", "Auftakt", "0026-12-15", "milestone_due_on", "gültiges Datum", `value="0026-12-15"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/meilensteine", kv("milestone_title", c.title), kv("milestone_due_on", c.due))
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			besideField(t, body, c.field, c.message)
			mustContain(t, body, c.kept)
		})
	}
	if n := len(a.records(t, tr).Milestones); n != len(before) {
		t.Errorf("refused milestones were saved: %d, want %d", n, len(before))
	}
}

func milestoneByID(ms []domain.Milestone, id int64) domain.Milestone {
	for _, m := range ms {
		if m.ID == id {
			return m
		}
	}
	return domain.Milestone{}
}

// countQueries requests a page through the real router with a counting
// context and returns the status and the number of SQL statements.
func countQueries(t *testing.T, a *app, client *http.Client, path string) (int, int64) {
	t.Helper()
	ctx, count := postgres.CountQueries(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, a.URL+path, nil)
	for _, c := range client.Jar.Cookies(mustParse(t, a.URL)) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	a.Server.ServeHTTP(rec, req)
	return rec.Code, count.N()
}

func TestImplementationPageStaysWithinFiveStatements(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	ctx := context.Background()
	for i := range 30 { // plenty of every record: the count must not grow with them
		on := date(t, "2026-01-01").AddDate(0, 0, i)
		if _, err := a.DB.AddProgressUpdate(ctx, a.key(t, tr.org.ID, tr.impl.ID), on, fmt.Sprintf("Meldung %d", i), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := a.DB.AddMilestone(ctx, a.key(t, tr.org.ID, tr.impl.ID), fmt.Sprintf("Schritt %d", i), &on, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := a.DB.AddComment(ctx, a.key(t, tr.org.ID, tr.impl.ID), fmt.Sprintf("Kommentar %d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, user := range []string{"duelmen", "ki-1", "ausschuss-1", "olfen", "admin"} {
		status, n := countQueries(t, a, a.signIn(t, user), tr.path)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", user, status)
		}
		if n > 5 || n < 3 {
			t.Errorf("%s: the implementation page ran %d statements, want at most 5 (and the counter to count)", user, n)
		}
	}
}

func TestImplementationPagesSpeakEnglishWhenChosen(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+"/sprache", "lang=en", "next=/"); status != http.StatusSeeOther {
		t.Fatalf("language switch: %d", status)
	}
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, "Milestones", "Progress reports", "Comments", "History", "Edit implementation", "Add milestone")
	_, edit, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+"/bearbeiten")
	mustContain(t, edit, "Role mailbox (recommended)", "Person (only with consent)", "Ongoing task", "Responsible body")
	for _, german := range []string{"Meilensteine", "Sachstandsmeldungen", "Kommentare", "Änderungsverlauf", "Funktionspostfach"} {
		if strings.Contains(page, german) || strings.Contains(edit, german) {
			t.Errorf("the English pages still say %q", german)
		}
	}
}
