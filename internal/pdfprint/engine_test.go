package pdfprint_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/pdfprint"
	"github.com/planwerk/planwerk/internal/pdfprint/pdftest"
)

const doc = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Sachstand Ärzte</title></head>
<body><h1>Bericht</h1><h2>Teil</h2><table><caption>Umsetzungen</caption><thead><tr><th scope="col">Kommune</th><th scope="col">Stand</th></tr></thead>
<tbody><tr><td>Dülmen</td><td>begonnen</td></tr></tbody></table></body></html>`

func engine(t *testing.T) *pdfprint.Engine {
	t.Helper()
	path, err := pdfprint.Find(os.Getenv("PLANWERK_CHROMIUM"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("PDF TESTS FAILED: Chromium not found (CI is set)")
		}
		t.Skip("Chromium not found – install with apt-get install chromium")
	}
	e := pdfprint.New(pdfprint.Options{ExecPath: path, Parallel: 1})
	t.Cleanup(e.Close)
	return e
}

func TestPrintWritesTaggedPDFWithTitleAndLanguage(t *testing.T) {
	e := engine(t)
	pdf, err := e.Print(context.Background(), pdfprint.Document{HTML: []byte(doc),
		Footer: `<div style="font-size:8pt">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>`})
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(pdf)
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	for _, want := range []string{"/StructTreeRoot", "/Marked true", "/S /H1", "/S /Table", "/S /TH", "/S /TD"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if title, ok := pdftest.Title(text); !ok || title != "Sachstand Ärzte" {
		t.Errorf("title = %q, want Sachstand Ärzte", title)
	}
	if langs := pdftest.Strings(text, "/Lang"); len(langs) == 0 || langs[0] != "de" {
		t.Errorf("/Lang = %q, want de", langs)
	}
}

// Jobs beyond the bound wait for a slot, and all of them finish with one browser.
func TestPrintRunsJobsSideBySideWithOneBrowser(t *testing.T) {
	e := engine(t)
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			_, err := e.Print(context.Background(), pdfprint.Document{HTML: []byte(doc)})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestPrintGivesUpWhenTheCallerDoes(t *testing.T) {
	e := engine(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Print(ctx, pdfprint.Document{HTML: []byte(doc)}); err == nil {
		t.Fatal("a cancelled job printed")
	}
	e.Close()
	if _, err := e.Print(context.Background(), pdfprint.Document{HTML: []byte(doc)}); err != pdfprint.ErrClosed {
		t.Fatalf("after Close: %v, want ErrClosed", err)
	}
}

func TestFindPrefersTheOverride(t *testing.T) {
	if _, err := pdfprint.Find("/nonexistent/chromium"); err == nil {
		t.Error("a missing override was accepted")
	}
	exe, _ := os.Executable()
	if p, err := pdfprint.Find(exe); err != nil || p != exe {
		t.Errorf("Find(%s) = %q, %v", exe, p, err)
	}
}
