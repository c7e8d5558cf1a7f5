package server

import (
	"mime"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// compress is the compression layer ServeHTTP puts around every answer.
var compress = newCompressor()

// newCompressor wraps the server's answers in gzip or zstd (whichever the
// client prefers of those it names) for text types only: pages, JSON, CSS,
// scripts, SVG, CSV. PDFs, spreadsheets, archives and fonts are compressed
// already and pass unchanged, as does an answer of less than 1 KB. It sits
// outside the session layer, so the 503 page scs writes when a session
// cannot be saved goes through it like any other answer (see ServeHTTP).
func newCompressor() func(http.Handler) http.HandlerFunc {
	wrap, err := gzhttp.NewWrapper(gzhttp.ContentTypeFilter(compressible))
	if err != nil {
		panic(err) // only invalid options fail, and these are fixed
	}
	return wrap
}

// compressible names the content types worth compressing.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	switch mt {
	case "application/json", "application/javascript", "application/xml", "image/svg+xml":
		return true
	}
	return false
}

// crossSite reports a request another site made the browser send (a link,
// a form or a script elsewhere). Its answer is never compressed (ServeHTTP
// drops its Accept-Encoding before the compression layer): BREACH
// needs an attacker to send many requests with chosen input and compare the
// compressed sizes, and such requests are cross-site by construction
// (docs/architecture.md, "Sicherheit"). Browsers without Fetch Metadata send
// no header and are treated as same-origin.
func crossSite(r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	return site == "cross-site" || site == "same-site"
}
