package server_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/seed"
)

// uploadFile posts data as the import form's file, with the form's fields.
func uploadFile(t *testing.T, c *http.Client, url, name string, data []byte, fields ...string) (int, string, http.Header) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = w.WriteField(fields[i], fields[i+1])
	}
	fw, err := w.CreateFormFile("datei", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = w.Close()
	req, err := http.NewRequest("POST", url, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// fileOf downloads an export, checking its type by its name.
func fileOf(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	mime := "text/csv"
	if strings.HasSuffix(url, ".xlsx") {
		mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return download(t, c, url, mime)
}

var (
	tokenField  = regexp.MustCompile(`name="token" value="([^"]+)"`)
	digestField = regexp.MustCompile(`name="pruefsumme" value="([^"]+)"`)
)

// confirm posts the dry run's confirmation found in body.
func confirm(t *testing.T, c *http.Client, url, body string, extra ...string) (int, string, http.Header) {
	t.Helper()
	tok, dig := tokenField.FindStringSubmatch(body), digestField.FindStringSubmatch(body)
	if tok == nil || dig == nil {
		t.Fatalf("the dry run offers no confirmation:\n%s", body)
	}
	return fetch(t, c, "POST", url, formValues(append([]string{"token", tok[1], "pruefsumme", dig[1]}, extra...)...)...)
}

// scalar runs a counting query on the app's database.
func (a *app) scalar(t *testing.T, sql string, args ...any) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (a *app) catalogueEvents(t *testing.T) int {
	t.Helper()
	return a.scalar(t, `SELECT count(*) FROM audit_events a JOIN plans p ON p.id = a.plan_id WHERE p.slug = $1`, seed.ConceptSlug)
}

func (a *app) implementationVersions(t *testing.T) int {
	t.Helper()
	return a.scalar(t, `SELECT coalesce(sum(version), 0)::int FROM implementations`)
}

// Exported, imported unchanged and exported again: nothing is written and
// the second export is byte for byte the first, for the catalogue (CSV and
// XLSX) and for a town's implementation states.
func TestAnUnchangedRoundTripChangesNothing(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	for _, tc := range []struct{ export, importAt string }{
		{demoPlan + "/katalog.csv", demoPlan + "/katalog/import"},
		{demoPlan + "/katalog.xlsx", demoPlan + "/katalog/import"},
		{demoPlan + "/kommunen/duelmen/umsetzungen.csv", demoPlan + "/kommunen/duelmen/import"},
		{demoPlan + "/kommunen/duelmen/umsetzungen.xlsx", demoPlan + "/kommunen/duelmen/import"},
	} {
		first := fileOf(t, ki, a.URL+tc.export)
		events, versions := a.catalogueEvents(t), a.implementationVersions(t)
		status, body, _ := uploadFile(t, ki, a.URL+tc.importAt, filepath.Base(tc.export), first)
		if status != http.StatusOK {
			t.Fatalf("%s: dry run %d\n%s", tc.export, status, body)
		}
		mustContain(t, body, "Neu: 0 · Geändert: 0 · Unverändert: ", "Abgelehnt: 0", "Import übernehmen (0 Änderungen)")
		if strings.Contains(body, "fehlt in der Datei") || strings.Contains(body, "fehlen in der Datei") {
			t.Errorf("%s: the re-imported file misses entries", tc.export)
		}
		if status, _, _ := confirm(t, ki, a.URL+tc.importAt+"/bestaetigen", body); status != http.StatusSeeOther {
			t.Fatalf("%s: apply %d", tc.export, status)
		}
		if e, v := a.catalogueEvents(t), a.implementationVersions(t); e != events || v != versions {
			t.Errorf("%s: the round trip wrote %d catalogue events and %d implementation versions", tc.export, e-events, v-versions)
		}
		if strings.HasSuffix(tc.export, ".csv") && !bytes.Equal(fileOf(t, ki, a.URL+tc.export), first) {
			t.Errorf("%s: the export after the round trip differs", tc.export)
		}
	}
}

// An edited export: one new municipal measure, one title corrected. The
// dry run names both; applied, the new measure is open in every town.
func TestAnEditedCatalogueFileIsCheckedAndApplied(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	first := a.firstMeasureCode(t)
	csv := string(fileOf(t, ki, a.URL+demoPlan+"/katalog.csv"))
	lines := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Maßnahme;"+first+";") {
			f := strings.Split(l, ";")
			f[3] = "Korrigierter Titel"
			lines[i] = strings.Join(f, ";")
		}
	}
	lines = append(lines, "Maßnahme;"+goal.Code+".77;"+goal.Code+";Neue Maßnahme aus Excel;\"Zwei\nZeilen\";kommunal;")
	file := []byte(strings.Join(lines, "\r\n") + "\r\n")
	status, body, _ := uploadFile(t, ki, a.URL+demoPlan+"/katalog/import", "katalog.csv", file)
	if status != http.StatusOK {
		t.Fatalf("dry run: %d\n%s", status, body)
	}
	mustContain(t, body, "Neu: 1 · Geändert: 1 ·", "Abgelehnt: 0", "wird angelegt", "Geändert: Titel", goal.Code+".77")
	status, _, h := confirm(t, ki, a.URL+demoPlan+"/katalog/import/bestaetigen", body)
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "gespeichert=importiert") {
		t.Fatalf("apply: %d %q", status, h.Get("Location"))
	}
	towns := a.scalar(t, `SELECT count(*) FROM organisations c JOIN organisations o ON o.parent_id = c.id
		AND o.kind = 'municipality' WHERE c.slug = $1`, seed.CountySlug)
	open := a.scalar(t, `SELECT count(*) FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE m.code = $1 AND i.relevance = 'open'`, goal.Code+".77")
	if towns == 0 || open != towns {
		t.Errorf("the imported measure has %d open implementations for %d towns", open, towns)
	}
	_, body, _ = fetch(t, ki, "GET", a.URL+demoPlan+"/katalog/verlauf")
	mustContain(t, body, "Titel: „", "„Korrigierter Titel“", "Maßnahme "+goal.Code+".77 – angelegt")
}

// A coordinator imports only their own town's states: rows of another town
// are refused by row, another town's import and the catalogue's are closed.
func TestStatesImportChecksPermissionsPerRow(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	own := fileOf(t, duelmen, a.URL+demoPlan+"/kommunen/duelmen/umsetzungen.csv")
	olfens := fileOf(t, duelmen, a.URL+demoPlan+"/kommunen/olfen/umsetzungen.csv")

	status, body, _ := uploadFile(t, duelmen, a.URL+demoPlan+"/kommunen/duelmen/import", "olfen.csv", olfens)
	if status != http.StatusOK {
		t.Fatalf("dry run of Olfen's file in Dülmen: %d", status)
	}
	mustContain(t, body, "Spalte „Kommune“: „olfen“ ist nicht Dülmen.", "Solange eine Zeile abgelehnt wird")
	if tokenField.MatchString(body) {
		t.Error("a file with refused rows offers a confirmation")
	}
	if status, _, _ := uploadFile(t, duelmen, a.URL+demoPlan+"/kommunen/olfen/import", "duelmen.csv", own); status != http.StatusForbidden {
		t.Errorf("Dülmen importing into Olfen: %d, want 403", status)
	}
	if status, _, _ := uploadFile(t, duelmen, a.URL+demoPlan+"/katalog/import", "katalog.csv", own); status != http.StatusNotFound {
		t.Errorf("a coordinator importing the catalogue: %d, want 404", status)
	}
	committee := a.signIn(t, "ausschuss-1")
	if status, _, _ := uploadFile(t, committee, a.URL+demoPlan+"/kommunen/duelmen/import", "duelmen.csv", own); status != http.StatusForbidden {
		t.Errorf("the committee importing states: %d, want 403", status)
	}
	// A confirmation is bound to who uploaded it: the KI cannot apply Dülmen's.
	_, body, _ = uploadFile(t, duelmen, a.URL+demoPlan+"/kommunen/duelmen/import", "duelmen.csv", own)
	ki := a.signIn(t, "ki-1")
	if status, _, _ := confirm(t, ki, a.URL+demoPlan+"/kommunen/duelmen/import/bestaetigen", body); status != http.StatusNotFound {
		t.Errorf("another user's confirmation: %d, want 404", status)
	}
}

// Broken files are refused with a message, never a 500.
func TestBrokenImportFilesAreRefusedWithAMessage(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	for name, want := range map[string]string{
		"kaputt_abgeschnitten.xlsx":     "beschädigt oder keine Excel-Arbeitsmappe",
		"kaputt_anfuehrungszeichen.csv": "ab Zeile 2 nicht lesbar",
		"kaputt_bild.xlsx":              "Die Kopfzeile fehlt.",
		"zip_bombe.xlsx":                "entpackt zu groß",
	} {
		data, err := os.ReadFile(filepath.Join("..", "catalogueio", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		status, body, _ := uploadFile(t, ki, a.URL+demoPlan+"/katalog/import", name, data)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", name, status)
		}
		mustContain(t, body, want)
	}
	status, body, _ := uploadFile(t, ki, a.URL+demoPlan+"/katalog/import", "leer.csv", nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Die Datei ist leer.") {
		t.Errorf("empty file: %d", status)
	}
}

// A catalogue edited between the dry run and the confirmation: nothing is
// applied, the user is asked to check again.
func TestAnImportOnAChangedCatalogueIsRefused(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	file := append(fileOf(t, ki, a.URL+demoPlan+"/katalog.csv"),
		[]byte("Maßnahme;"+goal.Code+".78;"+goal.Code+";Neu;;kreisweit;\r\n")...)
	_, body, _ := uploadFile(t, ki, a.URL+demoPlan+"/katalog/import", "katalog.csv", file)
	fetch(t, ki, "POST", a.URL+demoPlan+"/katalog/handlungsfelder/neu", formValues("code", "99", "title", "Dazwischen")...)
	status, body, _ := confirm(t, ki, a.URL+demoPlan+"/katalog/import/bestaetigen", body)
	if status != http.StatusConflict {
		t.Fatalf("apply after a change: %d, want 409", status)
	}
	mustContain(t, body, "Seit der Prüfung hat sich im Plan etwas geändert.")
}
