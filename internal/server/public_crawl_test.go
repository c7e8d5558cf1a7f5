package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// secrets are marked texts put where only members may look: a comment, a
// contact, a support request, a draft offer, a draft report, an offer's
// provider answer. No public page may show one.
var secrets = []string{"GEHEIM-KOMMENTAR", "geheim-kontakt@example.org", "GEHEIM-ENTWURF", "GEHEIM-ARCHIV",
	"GEHEIM-BERICHTSENTWURF", "GEHEIM-UNTERSTUETZUNG", "Koordination Dülmen", "KI – Team Integration"}

var hrefPattern = regexp.MustCompile(`href="([^"]+)"`)

// TestPublicPagesLeakNothing crawls every page an anonymous visitor reaches
// from the directory and the plan's public status page, following every
// link, and checks that none shows anything internal, and that no link
// leads to a page that asks for a sign-in.
func TestPublicPagesLeakNothing(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	a.addReports(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, sql := range []string{
		`INSERT INTO comments (implementation_id, body) SELECT id, 'GEHEIM-KOMMENTAR' FROM implementations LIMIT 50`,
		`UPDATE implementations SET contact = 'geheim-kontakt@example.org'`,
		`UPDATE implementations SET support = 'requested', support_request = 'GEHEIM-UNTERSTUETZUNG', support_requested_at = now()
		 WHERE id IN (SELECT id FROM implementations WHERE relevance = 'relevant' LIMIT 20)`,
		`UPDATE offers SET description = 'GEHEIM-ENTWURF' WHERE state = 'draft'`,
		`UPDATE offers SET description = 'GEHEIM-ARCHIV' WHERE state = 'archived'`,
		`INSERT INTO reports (plan_id, title, committee, period_from, period_to, included_org_ids)
		 SELECT id, 'GEHEIM-BERICHTSENTWURF', 'Ausschuss', '2026-01-01', '2026-06-30', '{}' FROM plans`,
		`INSERT INTO plan_publications (plan_id, published, per_town) SELECT id, true, true FROM plans`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	anon := anonymous()
	queue := []string{"/angebote", demoPlan + "/oeffentlich", "/angebote?thema=beratung", "/angebote?seite=2",
		"/offene-daten/katalog.jsonld", "/api/v1/public/plans"}
	seen := map[string]bool{}
	pages, pdfs := 0, 0
	for len(queue) > 0 && pages < 400 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		if strings.HasSuffix(path, ".pdf") {
			pdfs++ // printed from the frozen report (names and codes only); printing takes seconds each
			continue
		}
		status, body, h := fetch(t, anon, "GET", a.URL+path)
		pages++
		switch {
		case status == http.StatusSeeOther || status == http.StatusFound:
			t.Errorf("public link %s leads to %s", path, h.Get("Location"))
			continue
		case status != http.StatusOK && status != http.StatusGone:
			t.Errorf("public link %s: %d", path, status)
			continue
		}
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s shows %q", path, s)
			}
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			continue
		}
		for _, m := range hrefPattern.FindAllStringSubmatch(body, -1) {
			u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "/static/") ||
				u.Path == "/anmelden" || u.Path == "/" {
				continue
			}
			if !seen[u.RequestURI()] {
				queue = append(queue, u.RequestURI())
			}
		}
	}
	// The plan's open data and each town's state are linked from its public page.
	for _, path := range []string{planCSV, planDCAT, statusPath, demoPlan + "/oeffentlich/kommunen/duelmen"} {
		if !seen[path] {
			t.Errorf("the crawl did not reach %s", path)
		}
	}
	if pdfs == 0 {
		t.Error("the public status page links no report PDF")
	}
	if pages < 60 {
		t.Errorf("crawled only %d public pages", pages)
	}
}
