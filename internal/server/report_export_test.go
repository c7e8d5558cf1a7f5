package server_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha512"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/pdfprint/pdftest"
	"github.com/planwerk/planwerk/internal/reportexport"
)

// download fetches a file and checks its status and type.
func download(t *testing.T, c *http.Client, url, mime string) []byte {
	t.Helper()
	status, body, h := fetch(t, c, "GET", url)
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), mime) {
		t.Fatalf("%s: %d %s, want 200 %s: %.300s", url, status, h.Get("Content-Type"), mime, body)
	}
	if !strings.HasPrefix(h.Get("Content-Disposition"), "attachment; filename=") {
		t.Errorf("%s: Content-Disposition %q", url, h.Get("Content-Disposition"))
	}
	return []byte(body)
}

// The PDF is tagged (structure tree with headings and table cells), in
// German, titled, with bookmarks and embedded fonts. Compressed object
// streams are inflated before the search (pdftest.Text).
func TestReportPDFIsAccessible(t *testing.T) {
	if testPDF(t) == nil {
		chromiumPath(t) // skips, or fails in CI
	}
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	pdf := download(t, c, a.URL+r.path(r.autumn)+"/bericht.pdf?vergleich="+fmt.Sprint(r.spring), "application/pdf")
	text := pdftest.Text(pdf)
	for _, want := range []string{"/StructTreeRoot", "/MarkInfo", "/Marked true", "/Outlines",
		"/S /H1", "/S /H2", "/S /Table", "/S /TH", "/S /TD", "/S /L"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if !strings.Contains(text, "/FontFile2") && !strings.Contains(text, "/FontFile3") {
		t.Error("PDF embeds no font")
	}
	if langs := pdftest.Strings(text, "/Lang"); len(langs) == 0 || langs[0] != "de" {
		t.Errorf("/Lang = %q, want de", langs)
	}
	if title, _ := pdftest.Title(text); title != "Sachstandsbericht Herbst 2026" {
		t.Errorf("/Title = %q, want the report's title", title)
	}
	dir := filepath.Join(repoRoot(t), "test-artifacts")
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, "bericht.pdf"), pdf, 0o644) // to render and look at
}

func TestReportXLSXAndCSVReadBack(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	data := download(t, c, a.URL+r.path(r.autumn)+"/bericht.xlsx?vergleich="+fmt.Sprint(r.spring),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) < 3 || sheets[0] != "Übersicht" || sheets[len(sheets)-1] != "Alle Umsetzungen" ||
		!strings.HasPrefix(sheets[1], "HF 1 ") {
		t.Fatalf("sheets = %q", sheets)
	}
	rows, err := f.GetRows("Alle Umsetzungen")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Handlungsfeld" || rows[0][6] != "Stand" || len(rows) < 100 {
		t.Errorf("data sheet header %q, %d rows", rows[0], len(rows))
	}
	panes, err := f.GetPanes("Alle Umsetzungen")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth("Alle Umsetzungen", "D"); w < 30 {
		t.Errorf("measure column width %v", w)
	}
	if !sheetHas(t, data, "<autoFilter ref=\"$A$1:") {
		t.Error("no autofilter on the row sheets")
	}
	// A due date is a real date shown as DD.MM.YYYY.
	var dated bool
	for i := 2; i <= len(rows) && !dated; i++ {
		cell := fmt.Sprint("J", i)
		raw, _ := f.GetCellValue("Alle Umsetzungen", cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("Alle Umsetzungen", cell)
		if raw != "" && !strings.Contains(raw, ".") && len(shown) == 10 && shown[2] == '.' && shown[5] == '.' {
			dated = true
		}
	}
	if !dated {
		t.Error("no due date stored as a date and shown as DD.MM.YYYY")
	}
	summary, _ := f.GetRows("Übersicht")
	if !strings.Contains(flatten(summary), "Sachstandsbericht Frühjahr 2026") {
		t.Errorf("summary sheet lacks the comparison: %q", summary)
	}

	body := download(t, c, a.URL+r.path(r.autumn)+"/bericht.csv", "text/csv")
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("CSV has no byte order mark")
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	cr.Comma = ';'
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(rows) || strings.Join(records[0], "|") != strings.Join(rows[0], "|") {
		t.Errorf("CSV: %d records, header %q; XLSX: %d rows, header %q", len(records), records[0], len(rows), rows[0])
	}
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

func TestReportBundleForTheCouncilSystem(t *testing.T) {
	if testPDF(t) == nil {
		chromiumPath(t)
	}
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	data := download(t, c, a.URL+r.path(r.autumn)+"/ratsinfo.zip", "application/zip")
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var paper reportexport.Paper
	if err := json.Unmarshal(files[reportexport.PaperJSON], &paper); err != nil {
		t.Fatalf("%s: %v", reportexport.PaperJSON, err)
	}
	if paper.Type != "https://schema.oparl.org/1.1/Paper" || paper.PaperType != "Mitteilungsvorlage" ||
		paper.Name != "Sachstandsbericht Herbst 2026" || paper.Reference == "" || len(paper.Date) != 10 {
		t.Errorf("paper = %+v", paper)
	}
	if len(paper.AuxiliaryFile) != 1 || paper.MainFile.MimeType != "application/pdf" ||
		!strings.HasSuffix(paper.AuxiliaryFile[0].FileName, ".xlsx") {
		t.Fatalf("files = %+v / %+v", paper.MainFile, paper.AuxiliaryFile)
	}
	for _, f := range append([]reportexport.File{paper.MainFile}, paper.AuxiliaryFile...) {
		content, ok := files[f.FileName]
		sum := sha512.Sum512(content)
		if !ok || f.Size != len(content) || f.SHA512Checksum != hex.EncodeToString(sum[:]) || f.Type != "https://schema.oparl.org/1.1/File" {
			t.Errorf("%s: in zip %v, size %d vs %d, checksum matches %v", f.FileName, ok, f.Size, len(content),
				f.SHA512Checksum == hex.EncodeToString(sum[:]))
		}
	}
	if !bytes.HasPrefix(files[paper.MainFile.FileName], []byte("%PDF-")) {
		t.Error("main file is not a PDF")
	}
}

// Without Chromium the PDF and the bundle explain what to install; the other
// downloads work.
func TestReportPDFWithoutChromiumExplainsWhatToInstall(t *testing.T) {
	withoutChromium.Store(t, true)
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	for _, file := range []string{"/bericht.pdf", "/ratsinfo.zip"} {
		status, body, _ := fetch(t, c, "GET", a.URL+r.path(r.autumn)+file)
		if status != http.StatusServiceUnavailable {
			t.Errorf("%s: %d, want 503", file, status)
		}
		mustContain(t, body, "braucht Planwerk den Browser Chromium", "apt-get install chromium", "PLANWERK_CHROMIUM")
	}
	download(t, c, a.URL+r.path(r.autumn)+"/bericht.csv", "text/csv")
}

// sheetHas reports whether every worksheet but the first (the summary) of
// the workbook holds s in its XML.
func sheetHas(t *testing.T, book []byte, s string) bool {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") || f.Name == "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if !strings.Contains(string(b), s) {
			return false
		}
		n++
	}
	return n > 0
}
