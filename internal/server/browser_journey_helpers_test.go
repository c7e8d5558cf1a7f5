package server_test

// Helpers of the reporting journey: numbered pages, switching accounts, and
// downloading what the report page links to with the browser's session.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/reportexport"
)

// downloadTimeout bounds one download. The PDF is printed by Chromium on the
// server, which on a busy machine takes far longer than a page.
const downloadTimeout = 3 * time.Minute

// journey is the tab and the app of the reporting journey, with the number
// of its next screenshot.
type journey struct {
	b    *browser
	a    *app
	shot int
}

// page checks the page in the tab as every Planwerk page and keeps its
// screenshot as 70-reise-NN-name.png, numbered in the journey's order.
func (j *journey) page(t *testing.T, name, h1 string) {
	t.Helper()
	j.check(t, browserPage{shot: j.next(name), h1: h1, kern: true})
}

// longPage is page for the county's report, pictured by its first screen.
func (j *journey) longPage(t *testing.T, name, h1 string) {
	t.Helper()
	j.check(t, browserPage{shot: j.next(name), h1: h1, kern: true, firstScreen: true})
}

// check runs checkPage, and requires every table heading to fit its
// cell: a heading that does not wrap spills over its neighbour's.
func (j *journey) check(t *testing.T, p browserPage) {
	t.Helper()
	j.b.checkPage(t, p)
	spilled := evalJS[[]string](t, j.b, `[...document.querySelectorAll('main th')]
		.filter(th => th.checkVisibility() && th.scrollWidth > th.clientWidth + 1).map(th => th.innerText.trim())`)
	if len(spilled) > 0 {
		t.Errorf("%s: Tabellenköpfe ragen über ihre Zelle hinaus: %q", j.b.location(t), spilled)
	}
}

// next is the file name of the next screenshot.
func (j *journey) next(name string) string {
	j.shot++
	return fmt.Sprintf("70-reise-%02d-%s.png", j.shot, name)
}

// signInAs signs the current account out and username in, asking for path.
func (j *journey) signInAs(t *testing.T, username, path string) {
	t.Helper()
	j.b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
	j.b.visit(t, j.a.URL+path, 200)
	j.b.signIn(t, j.a.IdP, username)
	j.b.requirePath(t, path)
}

// journeyFile is one download the report page offers and what it must be.
type journeyFile struct {
	name, mime, magic string
	check             func(t *testing.T, data []byte)
}

// downloadAll downloads every file the report page links to and checks
// each by its type, its first bytes and its content.
func (j *journey) downloadAll(t *testing.T) {
	t.Helper()
	files := []journeyFile{
		{"bericht.pdf", "application/pdf", "%PDF-", j.keep("bericht.pdf")},
		{"bericht.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", nil},
		{"bericht.csv", "text/csv", "\uFEFF", j.checkCSV},
		{"ratsinfo.zip", "application/zip", "PK\x03\x04", checkBundle},
	}
	links := evalJS[[]string](t, j.b, `[...document.querySelectorAll('main .report-downloads a')].map(a => a.href)`)
	if len(links) != len(files) {
		t.Fatalf("die Seite bietet %d Downloads an, erwartet %d: %q", len(links), len(files), links)
	}
	for i, f := range files {
		if !strings.Contains(links[i], "/"+f.name) {
			t.Errorf("Download %d ist %s, erwartet %s", i+1, links[i], f.name)
			continue
		}
		data := j.b.fetchFile(t, links[i], f.mime)
		if !bytes.HasPrefix(data, []byte(f.magic)) || len(data) < 200 {
			t.Errorf("%s: %d Bytes, beginnt mit %q, erwartet %q", f.name, len(data), data[:min(len(data), 8)], f.magic)
			continue
		}
		if f.check != nil {
			f.check(t, data)
		}
	}
}

// fetchFile downloads url with the tab's cookies, as its own download would,
// and requires status 200, the type mime and an attachment.
func (b *browser) fetchFile(t *testing.T, url, mime string) []byte {
	t.Helper()
	cookies, err := chromedp.Call(b.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
	if err != nil {
		t.Fatalf("Cookies des Browsers: %v", err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	req.Header.Set("Accept-Language", "de-DE,de,en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), mime) {
		t.Fatalf("GET %s: %d %s, erwartet 200 %s: %.300s", url, resp.StatusCode, resp.Header.Get("Content-Type"), mime, data)
	}
	if d := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(d, "attachment; filename=") {
		t.Errorf("GET %s: Content-Disposition %q, erwartet einen Anhang", url, d)
	}
	return data
}

// keep saves a download next to the screenshots, to render and look at.
func (j *journey) keep(name string) func(t *testing.T, data []byte) {
	return func(t *testing.T, data []byte) {
		path := filepath.Join(filepath.Dir(j.b.shots), "journey", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("Download: %s", path)
	}
}

// checkCSV requires semicolons as Excel in Germany reads them, and the
// towns' reports of the round in the rows.
func (j *journey) checkCSV(t *testing.T, data []byte) {
	t.Helper()
	text := string(data)
	header, _, _ := strings.Cut(text, "\n")
	if strings.Count(header, ";") < 5 {
		t.Errorf("CSV-Kopfzeile ohne Semikolons: %q", header)
	}
	for _, town := range journeyTowns {
		if !strings.Contains(text, town.text) {
			t.Errorf("die CSV enthält die Meldung aus %s nicht", town.name)
		}
	}
}

// checkBundle requires the council system's bundle to describe the
// journey's report (OParl Paper) and to hold its PDF.
func checkBundle(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("ratsinfo.zip: %v", err)
	}
	var paper reportexport.Paper
	for _, f := range z.File {
		if f.Name != reportexport.PaperJSON {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(rc).Decode(&paper)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", reportexport.PaperJSON, err)
		}
	}
	if paper.Name != journeyReport || paper.MainFile.MimeType != "application/pdf" {
		t.Errorf("ratsinfo.zip beschreibt %q mit Hauptdatei %q, erwartet %q als PDF", paper.Name, paper.MainFile.MimeType, journeyReport)
	}
}
