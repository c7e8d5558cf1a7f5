package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// seedOffers loads the demo offers into the app's database.
func (a *app) seedOffers(t *testing.T) {
	t.Helper()
	if _, err := a.DB.SeedDemoOffers(context.Background(), seed.ConceptSlug, seed.DemoOffers(today)); err != nil {
		t.Fatal(err)
	}
}

func form(pairs ...string) []string {
	var out []string
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, url.QueryEscape(pairs[i])+"="+url.QueryEscape(pairs[i+1]))
	}
	return out
}

const hostile = `<script>alert("x")</script>&"'`

// createOffer posts a new offer as c in town and returns its internal address.
func createOffer(t *testing.T, a *app, c *http.Client, town string, fields ...string) string {
	t.Helper()
	path := demoPlan + "/kommunen/" + town + "/angebote"
	status, body, h := fetch(t, c, "POST", a.URL+path+"/neu", form(fields...)...)
	if status != http.StatusSeeOther {
		t.Fatalf("create offer: %d\n%s", status, body)
	}
	return strings.TrimSuffix(h.Get("Location"), "?gespeichert=1")
}

var publicLink = regexp.MustCompile(`href="/angebote/([0-9a-f]{16})"`)

// TestOfferLifecycle: a coordinator creates a draft with hostile text, it is
// escaped on every page; it is not public until published; publishing makes
// it findable; another town's coordinator and the committee do not find it.
func TestOfferLifecycle(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	internal := createOffer(t, a, duelmen, "duelmen", "title", "Nähcafé "+hostile, "provider", "Verein "+hostile,
		"description", "Jeden Dienstag "+hostile, "categories", "freizeit", "languages", "de", "languages", "ar",
		"h2_1_from", "15:00", "h2_1_to", "17:00", "status", "active", "step_free", "yes")
	status, page, _ := fetch(t, duelmen, "GET", a.URL+internal)
	if status != http.StatusOK || strings.Contains(page, "<script>alert") {
		t.Fatalf("internal page: %d, hostile text unescaped: %v", status, strings.Contains(page, "<script>alert"))
	}
	mustContain(t, page, "Nähcafé &lt;script&gt;", "Entwurf", "Dienstag: 15:00–17:00")
	if publicLink.MatchString(page) {
		t.Error("a draft links to a public page")
	}
	if _, body, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote?q=N%C3%A4hcaf%C3%A9"); strings.Contains(body, "Nähcafé &lt;script") {
		t.Error("the directory lists a draft")
	}
	for user, want := range map[string]int{"olfen": 404, "ausschuss-1": 404, "admin": 404, "ki-1": 200} {
		if status, _, _ := fetch(t, a.signIn(t, user), "GET", a.URL+internal); status != want {
			t.Errorf("%s on Dülmen's offer: %d, want %d", user, status, want)
		}
	}
	// Publish from the version shown.
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	if status, body, _ := fetch(t, duelmen, "POST", a.URL+internal+"/status", form("version", version, "state", "published")...); status != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", status, body)
	}
	_, page, _ = fetch(t, duelmen, "GET", a.URL+internal)
	m := publicLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("published offer has no public link")
	}
	status, body, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote/"+m[1])
	if status != http.StatusOK || strings.Contains(body, "<script>alert") {
		t.Fatalf("public page: %d, unescaped %v", status, strings.Contains(body, "<script>alert"))
	}
	mustContain(t, body, "Nähcafé &lt;script&gt;", "Arabisch")
	// Misspelt, without the umlaut.
	_, body, _ = fetch(t, anonymous(), "GET", a.URL+"/angebote?q=Naehcafe")
	mustContain(t, body, "/angebote/"+m[1])
	_, text, h := fetch(t, anonymous(), "GET", a.URL+"/angebote/"+m[1]+"/kontakt.txt")
	if !strings.HasPrefix(h.Get("Content-Type"), "text/plain") || !strings.Contains(text, `<script>alert("x")</script>`) {
		t.Errorf("contact text: %s\n%s", h.Get("Content-Type"), text)
	}
	// Archived: gone for the public, and not to be published straight away.
	_, page, _ = fetch(t, duelmen, "GET", a.URL+internal)
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	fetch(t, duelmen, "POST", a.URL+internal+"/status", form("version", version, "state", "archived")...)
	if status, _, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote/"+m[1]); status != http.StatusNotFound {
		t.Errorf("archived offer's public page: %d, want 404", status)
	}
	_, page, _ = fetch(t, duelmen, "GET", a.URL+internal)
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	if status, _, _ := fetch(t, duelmen, "POST", a.URL+internal+"/status", form("version", version, "state", "published")...); status != http.StatusUnprocessableEntity {
		t.Errorf("publishing an archived offer: %d, want 422", status)
	}
}

// TestOfferFormRefusals: every field is checked at once and shown at its
// field; a save from an old version is a 409 with both versions side by side.
func TestOfferFormRefusals(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/kommunen/"+seed.CountySlug+"/angebote/neu",
		form("title", "", "provider", "P", "contact_email", "kein-at", "website", "javascript:alert(1)",
			"contact_person", "Frau Beispiel", "h1_1_from", "12:00", "h1_1_to", "09:00", "postcode", "123",
			"latitude", "abc", "categories", "nope", "status", "active", "step_free", "yes")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d", status)
	}
	for _, id := range []string{"title-error", "contact_email-error", "website-error", "contact_person-error",
		"postcode-error"} {
		mustContain(t, body, `id="`+id+`"`)
	}
	mustContain(t, body, "Bitte Zeiten als Beginn und Ende", "Bitte Breiten- und Längengrad", "Bitte wählen Sie aus der Liste",
		`value="Frau Beispiel"`)

	internal := createOffer(t, a, ki, seed.CountySlug, "title", "Elterncafé", "provider", "KI", "status", "active",
		"step_free", "unknown")
	edit := func(title, version string) (int, string) {
		s, b, _ := fetch(t, ki, "POST", a.URL+internal+"/bearbeiten", form("version", version, "title", title,
			"provider", "KI", "status", "active", "step_free", "unknown")...)
		return s, b
	}
	if s, _ := edit("Elterncafé am Markt", "2"); s != http.StatusSeeOther {
		t.Fatalf("first save: %d", s)
	}
	s, b := edit("Elterncafé im Park", "2")
	if s != http.StatusConflict {
		t.Fatalf("save from an old version: %d, want 409", s)
	}
	mustContain(t, b, "Elterncafé im Park", "Elterncafé am Markt", "Jemand anderes hat das Angebot inzwischen gespeichert")
}

// TestPublicDirectorySearch: stemming, umlauts, a typo; a search that finds
// nothing suggests dropping filters and is counted for the KI; pages are
// cacheable with an ETag; drafts and archived offers are never listed.
func TestPublicDirectorySearch(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	anon := anonymous()
	search := func(q string) string {
		t.Helper()
		status, body, _ := fetch(t, anon, "GET", a.URL+"/angebote?"+q)
		if status != http.StatusOK {
			t.Fatalf("search %s: %d", q, status)
		}
		return body
	}
	mustContain(t, search("q=Sprachkurse"), "Integrationskurs mit Kinderbetreuung")
	mustContain(t, search("q=Duelmen"), "Sprachcafé Dülmen")
	mustContain(t, search("q=Hausaufgabenhlife"), "Hausaufgabenhilfe für Grundschulkinder")
	mustContain(t, search("q=Anerkenung"), "Beratung zur Anerkennung ausländischer Abschlüsse")
	body := search("q=Sprachcaf%C3%A9&ort=olfen&sprache=uk")
	mustContain(t, body, "Sprachcafé Olfen")
	if strings.Contains(body, "Sprachcafé Dülmen") {
		t.Error("the town filter let another town's offer through")
	}
	all := search("")
	for _, hidden := range []string{"Antidiskriminierung"} { // ended
		if strings.Contains(all, hidden) {
			t.Errorf("directory lists the ended offer %q", hidden)
		}
	}
	// Drafts and archived offers: by id not found.
	var draftID, archivedID string
	conn, err := pgx.Connect(context.Background(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), `SELECT
		(SELECT public_id FROM offers WHERE state = 'draft' LIMIT 1),
		(SELECT public_id FROM offers WHERE state = 'archived' LIMIT 1)`).Scan(&draftID, &archivedID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{draftID, archivedID, "0000000000000000", "../../etc"} {
		if status, _, _ := fetch(t, anon, "GET", a.URL+"/angebote/"+url.PathEscape(id)); status != http.StatusNotFound {
			t.Errorf("offer %s: %d, want 404", id, status)
		}
	}
	// Nothing found: suggestions, and the miss counted (text only).
	body = search("q=Schwimmkurs&ort=olfen&thema=sprache")
	mustContain(t, body, "kein Angebot gefunden", "ohne den Suchbegriff „Schwimmkurs“", "ohne die Auswahl des Ortes",
		`href="/angebote?ort=olfen&amp;thema=sprache"`)
	search("q=schwimmkurs")
	_, misses, _ := fetch(t, a.signIn(t, "ki-1"), "GET", a.URL+demoPlan+"/suchluecken")
	mustContain(t, misses, "schwimmkurs</td><td class=\"kern-table__cell\">2</td>")
	// Cacheable: an ETag, answered with 304.
	req, _ := http.NewRequest("GET", a.URL+"/angebote?q=Sprachcaf%C3%A9", nil)
	resp, err := anon.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if etag == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "no-cache") {
		t.Fatalf("no ETag (%q) or Cache-Control %q", etag, resp.Header.Get("Cache-Control"))
	}
	req.Header.Set("If-None-Match", etag)
	if resp, err = anon.Do(req); err != nil || resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %v %v, want 304", resp.StatusCode, err)
	}
}

// TestPublicSearchRateLimit: one address that searches far faster than a
// person gets 429 with Retry-After; the offer pages stay open.
func TestPublicSearchRateLimit(t *testing.T) {
	a := newApp(t)
	anon := anonymous()
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		status, body, h := fetch(t, anon, "GET", a.URL+"/angebote?q=x")
		if status == http.StatusTooManyRequests {
			if h.Get("Retry-After") == "" || !strings.Contains(body, "Zu viele Anfragen") {
				t.Errorf("429 without Retry-After (%q) or explanation", h.Get("Retry-After"))
			}
			if i < 20 {
				t.Errorf("limited after %d searches: too strict for a person", i)
			}
			return
		}
	}
	t.Error("no 429 for a client searching as fast as it can")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestOfferTranslations: a translation is shown in its language and
// direction; a later change of the German text marks it outdated, inside
// and in public; hostile text stays escaped.
func TestOfferTranslations(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	internal := createOffer(t, a, ki, seed.CountySlug, "title", "Elternberatung", "provider", "KI",
		"description", "Beratung für Eltern.", "status", "active", "step_free", "unknown")
	status, _, _ := fetch(t, ki, "POST", a.URL+internal+"/uebersetzungen/ar", form("title", "استشارة الوالدين "+hostile,
		"description", "استشارة للآباء والأمهات.")...)
	if status != http.StatusSeeOther {
		t.Fatalf("save translation: %d", status)
	}
	if status, _, _ := fetch(t, ki, "POST", a.URL+internal+"/uebersetzungen/xx", form("title", "x")...); status != http.StatusNotFound {
		t.Errorf("unknown translation language: %d, want 404", status)
	}
	if status, body, _ := fetch(t, ki, "POST", a.URL+internal+"/uebersetzungen/en", form("title", " ")...); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="title-error"`) {
		t.Errorf("translation without title: %d", status)
	}
	_, page, _ := fetch(t, ki, "GET", a.URL+internal)
	mustContain(t, page, "Arabisch</a>: aktuell", "Englisch</a>: fehlt")
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	fetch(t, ki, "POST", a.URL+internal+"/status", form("version", version, "state", "published")...)
	_, page, _ = fetch(t, ki, "GET", a.URL+internal)
	ref := publicLink.FindStringSubmatch(page)[1]
	_, body, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote/"+ref+"?uebersetzung=ar")
	mustContain(t, body, `lang="ar" dir="rtl"`, "استشارة الوالدين &lt;script&gt;", `lang="ar" dir="rtl" aria-current="page">العربية</a>`)
	if strings.Contains(body, "älter als der deutsche Text") {
		t.Error("a current translation is marked outdated")
	}
	// The German text changes: the translation is outdated.
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	if status, _, _ := fetch(t, ki, "POST", a.URL+internal+"/bearbeiten", form("version", version, "title", "Elternberatung",
		"provider", "KI", "description", "Beratung für Mütter und Väter.", "status", "active", "step_free", "unknown")...); status != http.StatusSeeOther {
		t.Fatalf("edit German text: %d", status)
	}
	_, page, _ = fetch(t, ki, "GET", a.URL+internal)
	mustContain(t, page, "Arabisch</a>: veraltet")
	_, body, _ = fetch(t, anonymous(), "GET", a.URL+"/angebote/"+ref+"?uebersetzung=ar")
	mustContain(t, body, "älter als der deutsche Text")
}

// TestOpenDataAPIRateLimit: the token-free JSON open data has the budget of
// the downloads of the same data; past it a 429 in the API's problem format
// with Retry-After.
func TestOpenDataAPIRateLimit(t *testing.T) {
	a := newApp(t)
	anon := anonymous()
	deadline := time.Now().Add(30 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		status, body, h := fetch(t, anon, "GET", a.URL+"/api/v1/public/offers")
		if status == http.StatusTooManyRequests {
			if h.Get("Retry-After") == "" || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") ||
				!strings.Contains(body, `"status":429`) {
				t.Errorf("429 without Retry-After (%q) or problem details: %s %s", h.Get("Retry-After"), h.Get("Content-Type"), body)
			}
			if i < 50 {
				t.Errorf("limited after %d requests: too strict for a harvester", i)
			}
			return
		}
		if status != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, status, body)
		}
	}
	t.Error("no 429 for a client reading the open data as fast as it can")
}

// TestOverlongOfferTextIsRefusedNotCut: a text longer than its field (only
// a script can send one; the browser's maxlength stops people) is refused
// at its field, not saved cut short; the answer shows it cut.
func TestOverlongOfferTextIsRefusedNotCut(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	long := strings.Repeat("ä", domain.MaxOfferTitleLen+1)
	status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/kommunen/"+seed.CountySlug+"/angebote/neu",
		form("title", long, "provider", "KI", "status", "active", "step_free", "yes")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a title of %d characters: %d, want 422", domain.MaxOfferTitleLen+1, status)
	}
	mustContain(t, body, `id="title-error"`, `value="`+strings.Repeat("ä", domain.MaxOfferTitleLen)+`"`)
	if strings.Contains(body, long) {
		t.Error("the answer echoes more than the field holds")
	}
}
