package server_test

import (
	"os"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/pdfprint"
	"github.com/planwerk/planwerk/internal/server"
)

// withoutChromium holds the tests whose app is to run as on a server without
// Chromium: their PDF downloads explain what to install.
var withoutChromium sync.Map

// testPDF is the PDF engine of a test's app: Chromium, started only when a
// test prints, closed with the test; nil without Chromium.
func testPDF(t *testing.T) server.PDFPrinter {
	if _, off := withoutChromium.Load(t); off {
		return nil
	}
	path, err := pdfprint.Find(os.Getenv("PLANWERK_CHROMIUM"))
	if err != nil {
		return nil
	}
	e := pdfprint.New(pdfprint.Options{ExecPath: path, Parallel: 1})
	t.Cleanup(e.Close)
	return e
}
