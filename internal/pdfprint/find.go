// Package pdfprint prints HTML documents to tagged PDF with Chromium's
// print-to-PDF (DevTools Page.printToPDF). Pure-Go PDF libraries write no
// structure tree; Chromium writes one (headings, lists, table header cells),
// the document language, the title and bookmarks, and embeds the fonts –
// what BITV / EN 301 549 ask of a published document.
package pdfprint

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ErrNoBrowser reports that no Chromium was found; PDFs cannot be printed.
var ErrNoBrowser = errors.New("pdfprint: no Chromium found")

// browserNames are the names Chromium goes by on common systems, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome"}

// Find returns the Chromium to print with: override (PLANWERK_CHROMIUM) when
// set, which must then exist, else the first of chromium, chromium-browser
// and google-chrome on PATH.
func Find(override string) (string, error) {
	if override != "" {
		if _, err := os.Stat(override); err != nil {
			p, lerr := exec.LookPath(override)
			if lerr != nil {
				return "", fmt.Errorf("%w: PLANWERK_CHROMIUM=%s: %v", ErrNoBrowser, override, err)
			}
			return p, nil
		}
		return override, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}
