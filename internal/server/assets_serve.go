package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"
)

const (
	// immutableCache is for fingerprinted names: their content never changes.
	immutableCache = "public, max-age=31536000, immutable"
	// plainNameCache is for the plain names, which old pages and bookmarks
	// may still use: kept briefly, then revalidated by ETag.
	plainNameCache = "public, max-age=300"
)

// serveAsset answers /static/<name>: a fingerprinted name is cached for a
// year, a plain name briefly; both carry an ETag and answer 304 to a
// matching If-None-Match. A client that accepts gzip gets the copy
// compressed at start; the compression layer leaves static files alone.
func (s *Server) serveAsset(c *gin.Context) {
	t, err := staticAssets()
	if err != nil {
		s.fail(c, err)
		return
	}
	name := strings.TrimPrefix(c.Param("filepath"), "/")
	a, cache := t.byFingerprint[name], immutableCache
	if a == nil {
		a, cache = t.byName[name], plainNameCache
	}
	if a == nil {
		s.notFound(c)
		return
	}
	h := c.Writer.Header()
	h.Set(gzhttp.HeaderNoCompression, "1")
	h.Set("Cache-Control", cache)
	h.Set("Content-Type", a.contentType)
	etag := `"` + a.hash + `"`
	if a.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsEncoding(c.Request, "gzip") {
			h.Set("Content-Encoding", "gzip")
			h.Set("ETag", `"`+a.hash+`-gzip"`)
			http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(a.gzipped))
			return
		}
	}
	body, done, err := a.content()
	if err != nil {
		s.fail(c, err)
		return
	}
	defer done()
	h.Set("ETag", etag)
	// ServeContent answers HEAD, If-None-Match (304) and ranges.
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, body)
}

// acceptsEncoding reports whether the request's Accept-Encoding names coding
// with a quality above zero. A wildcard is not taken as consent: clients
// that send only "*" often expect raw bytes.
func acceptsEncoding(r *http.Request, coding string) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			if !strings.EqualFold(strings.TrimSpace(name), coding) {
				continue
			}
			q := 1.0
			if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				q, _ = strconv.ParseFloat(v, 64) // unreadable: 0, not accepted
			}
			return q > 0
		}
	}
	return false
}
