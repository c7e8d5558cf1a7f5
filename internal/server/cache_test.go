package server_test

import (
	"net/http"
	"testing"
)

// Pages with personal data are never stored by a cache; a public page shown
// to a signed-out visitor is revalidated by ETag and answered with 304.
func TestPageCachePolicy(t *testing.T) {
	a := newApp(t)
	signedIn := a.signIn(t, "duelmen")
	for _, tc := range []struct {
		name string
		c    *http.Client
		path string
	}{
		{"workspace", signedIn, demoPlan + "/kommunen/duelmen"},
		{"accessibility statement, signed in (header names the user)", signedIn, "/barrierefreiheit"},
		{"404 page", anonymous(), "/nirgendwo"},
		{"sign-in redirect", anonymous(), "/anmelden"},
	} {
		resp, _ := wireGet(t, tc.c, a.URL+tc.path)
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("ETag") != "" {
			t.Errorf("%s: Cache-Control %q, ETag %q; want no-store and no ETag", tc.name,
				resp.Header.Get("Cache-Control"), resp.Header.Get("ETag"))
		}
	}

	resp, body := wireGet(t, anonymous(), a.URL+"/barrierefreiheit")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || etag == "" || resp.Header.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("public page: status %d, Cache-Control %q, ETag %q", resp.StatusCode, resp.Header.Get("Cache-Control"), etag)
	}
	again, empty := wireGet(t, anonymous(), a.URL+"/barrierefreiheit", "If-None-Match", etag)
	if again.StatusCode != http.StatusNotModified || len(empty) != 0 {
		t.Errorf("revalidation: status %d, %d bytes; want 304 without body", again.StatusCode, len(empty))
	}
	english, _ := wireGet(t, anonymous(), a.URL+"/barrierefreiheit", "Cookie", "planwerk_lang=en", "If-None-Match", etag)
	if english.StatusCode != http.StatusOK || english.Header.Get("ETag") == etag || len(body) == 0 {
		t.Errorf("English page answered %d with the German ETag", english.StatusCode)
	}
}
