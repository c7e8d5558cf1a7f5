package server

import (
	"bytes"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/planwerk/planwerk/web"
)

// A style sheet's relative font references point at the fonts'
// fingerprinted names, and a changed font changes the sheet's name too, so
// a cached sheet can never name a stale font.
func TestStyleSheetReferencesFingerprinted(t *testing.T) {
	files := func(font string) fstest.MapFS {
		return fstest.MapFS{
			"static/fonts/face.css":     {Data: []byte(`@font-face{src:url("./face/A.woff2") format("woff2")} a{background:url(data:image/png;base64,xx)} b{background:url('/elsewhere.png')}`)},
			"static/fonts/face/A.woff2": {Data: []byte(font)},
		}
	}
	one, err := loadAssets(files("wOF2 one"), "static")
	if err != nil {
		t.Fatal(err)
	}
	two, err := loadAssets(files("wOF2 two"), "static")
	if err != nil {
		t.Fatal(err)
	}
	font, sheet := one.byName["fonts/face/A.woff2"], one.byName["fonts/face.css"]
	want := `url("/static/` + font.fingerprint + `")`
	if !strings.Contains(string(sheet.body), want) || !strings.Contains(string(sheet.body), "url(data:image/png;base64,xx)") ||
		!strings.Contains(string(sheet.body), "url('/elsewhere.png')") {
		t.Errorf("sheet not rewritten as expected:\n%s\nwant %s", sheet.body, want)
	}
	if sheet.fingerprint == two.byName["fonts/face.css"].fingerprint {
		t.Error("changing the font left the sheet's fingerprinted name unchanged")
	}
	if font.contentType != "font/woff2" || font.gzipped != nil {
		t.Errorf("font: type %q, gzip copy %v", font.contentType, font.gzipped != nil)
	}
}

// Only text is compressed; formats that are compressed already are not.
func TestCompressibleTypes(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8": true, "application/json": true, "application/problem+json": true,
		"text/css; charset=utf-8": true, "text/javascript; charset=utf-8": true, "image/svg+xml": true, "text/csv": true,
		"application/pdf": false, "application/zip": false, "font/woff2": false, "image/png": false,
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": false, "": false,
	} {
		if compressible(ct) != want {
			t.Errorf("compressible(%q) = %v, want %v", ct, !want, want)
		}
	}
}

// Files served as they are stay in the embedded file system: the table
// keeps no copy of their bytes, and serving reads exactly the embedded file.
func TestAssetsReadFromTheEmbeddedFiles(t *testing.T) {
	tab, err := loadAssets(web.Static, "static")
	if err != nil {
		t.Fatal(err)
	}
	const name = "vendor/fira-sans/fira-sans-latin-400-normal.woff2"
	a := tab.byName[name]
	if a == nil || a.body != nil {
		t.Fatalf("%s: asset %v, want one without a copy of its bytes", name, a)
	}
	r, done, err := a.content()
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	want, err := fs.ReadFile(web.Static, "static/"+name)
	if err != nil || !bytes.Equal(got, want) || len(want) == 0 {
		t.Errorf("served %d bytes, embedded %d (%v)", len(got), len(want), err)
	}
}
