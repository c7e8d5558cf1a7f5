package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
)

// publicPageCache lets the browser keep a page shown to a signed-out
// visitor (the accessibility statement): such a page holds nothing
// personal. It is revalidated on every use (no-cache) by a weak ETag over
// the page, so a new version or another language is never missed, and kept
// out of shared caches (private). It reports whether the browser's copy is
// current, in which case a bodiless 304 has been sent. Every other answer
// keeps the no-store that ServeHTTP sets.
func publicPageCache(w http.ResponseWriter, r *http.Request, page []byte) bool {
	sum := sha256.Sum256(page)
	etag := `W/"` + hex.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", etag)
	if !etagListed(r.Header.Get("If-None-Match"), etag) {
		return false
	}
	h.Del("Content-Type")
	w.WriteHeader(http.StatusNotModified)
	return true
}

// etagListed compares an If-None-Match list with etag the weak way (RFC
// 9110 §13.1.2): W/ prefixes are ignored; "*" matches any.
func etagListed(list, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for tag := range strings.SplitSeq(list, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}
