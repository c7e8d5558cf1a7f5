package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// Every asset a page links is named by its content hash and cached for a
// year; its ETag answers a revalidation with 304, also for the gzip copy.
func TestAssetsFingerprintedAndImmutable(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	_, page, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	refs := assetRef.FindAllStringSubmatch(page, -1)
	if len(refs) < 5 {
		t.Fatalf("page links %d static files, want the style sheets, the flag and the script", len(refs))
	}
	hashed := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js|svg)$`)
	for _, ref := range refs {
		url := ref[1]
		if !hashed.MatchString(url) {
			t.Errorf("%s carries no content hash in its name", url)
			continue
		}
		for _, accept := range []string{"", "gzip"} {
			resp, body := wireGet(t, anonymous(), a.URL+url, "Accept-Encoding", accept)
			etag := resp.Header.Get("ETag")
			if resp.StatusCode != http.StatusOK || len(body) == 0 || etag == "" ||
				resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
				t.Errorf("%s (%q): status %d, %d bytes, ETag %q, Cache-Control %q", url, accept, resp.StatusCode,
					len(body), etag, resp.Header.Get("Cache-Control"))
				continue
			}
			again, body := wireGet(t, anonymous(), a.URL+url, "Accept-Encoding", accept, "If-None-Match", etag)
			if again.StatusCode != http.StatusNotModified || len(body) != 0 {
				t.Errorf("%s (%q) revalidated: status %d, %d bytes, want 304 without body", url, accept, again.StatusCode, len(body))
			}
		}
	}
}

// The large style sheet goes out as the gzip copy made at start to a client
// that asks, and unchanged to one that does not.
func TestStyleSheetPrecompressed(t *testing.T) {
	a := newApp(t)
	_, page, _ := fetch(t, anonymous(), http.MethodGet, a.URL+"/barrierefreiheit")
	kern := regexp.MustCompile(`/static/vendor/kern/kern\.min\.[0-9a-f]{8}\.css`).FindString(page)
	if kern == "" {
		t.Fatal("page links no fingerprinted KERN style sheet")
	}
	plainResp, plain := wireGet(t, anonymous(), a.URL+kern)
	gzResp, gz := wireGet(t, anonymous(), a.URL+kern, "Accept-Encoding", "gzip")
	if plainResp.Header.Get("Content-Encoding") != "" || gzResp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q without asking, %q with gzip", plainResp.Header.Get("Content-Encoding"), gzResp.Header.Get("Content-Encoding"))
	}
	if !varies(plainResp.Header, "Accept-Encoding") || !varies(gzResp.Header, "Accept-Encoding") {
		t.Error("style sheet lacks Vary: Accept-Encoding")
	}
	if gunzip(t, gz) != string(plain) || len(gz)*4 > len(plain) {
		t.Errorf("gzip copy (%d bytes) does not unpack to the sheet (%d bytes) or saves too little", len(gz), len(plain))
	}
	if plainResp.Header.Get("ETag") == gzResp.Header.Get("ETag") {
		t.Error("plain and gzip copy share one strong ETag")
	}
}

// Fonts referenced from a style sheet are fingerprinted too, served with
// their type, and never compressed again (woff2 is compressed already).
func TestFontsFingerprintedNotRecompressed(t *testing.T) {
	a := newApp(t)
	_, page, _ := fetch(t, anonymous(), http.MethodGet, a.URL+"/barrierefreiheit")
	sheet := regexp.MustCompile(`/static/fonts\.[0-9a-f]{8}\.css`).FindString(page)
	_, css := wireGet(t, anonymous(), a.URL+sheet)
	fonts := regexp.MustCompile(`url\("(/static/vendor/fira-sans/fira-sans-latin-[0-9]+-normal\.[0-9a-f]{8}\.woff2)"\)`).FindAllStringSubmatch(string(css), -1)
	if sheet == "" || len(fonts) == 0 || strings.Contains(string(css), `url("vendor/`) {
		t.Fatalf("font sheet %q refers to no fingerprinted font:\n%.300s", sheet, css)
	}
	resp, body := wireGet(t, anonymous(), a.URL+fonts[0][1], "Accept-Encoding", "gzip, zstd")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "font/woff2" ||
		resp.Header.Get("Content-Encoding") != "" || !strings.HasPrefix(string(body), "wOF2") ||
		resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("font: status %d, type %q, encoding %q, cache %q", resp.StatusCode, resp.Header.Get("Content-Type"),
			resp.Header.Get("Content-Encoding"), resp.Header.Get("Cache-Control"))
	}
}

// The plain names old pages and bookmarks use keep working, cached briefly
// and revalidated by ETag; an unknown file is the 404 page.
func TestPlainAssetNamesStillServed(t *testing.T) {
	a := newApp(t)
	resp, body := wireGet(t, anonymous(), a.URL+"/static/app.css?v=123456789abc")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "{") ||
		resp.Header.Get("Cache-Control") != "public, max-age=300" || resp.Header.Get("ETag") == "" {
		t.Fatalf("plain name: status %d, Cache-Control %q, ETag %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("ETag"))
	}
	again, _ := wireGet(t, anonymous(), a.URL+"/static/app.css", "If-None-Match", resp.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", again.StatusCode)
	}
	if missing, _ := wireGet(t, anonymous(), a.URL+"/static/app.0000000a.css"); missing.StatusCode != http.StatusNotFound {
		t.Errorf("unknown fingerprint: status %d, want 404", missing.StatusCode)
	}
}

// Pages show their text at once on a slow line: every font face they load
// swaps in when it arrives instead of hiding the text until then, each
// points at a fingerprinted font file, and each covers one script subset
// (unicode-range), so a German page loads the Latin one only.
func TestFontFacesSwapInAndAreFingerprinted(t *testing.T) {
	a := newApp(t)
	_, page, _ := fetch(t, anonymous(), http.MethodGet, a.URL+"/barrierefreiheit")
	var sheets []string
	for _, ref := range assetRef.FindAllStringSubmatch(page, -1) {
		if strings.HasSuffix(ref[1], ".css") {
			sheets = append(sheets, ref[1])
		}
	}
	faces := 0
	for _, sheet := range sheets {
		_, css := wireGet(t, anonymous(), a.URL+sheet, "Accept-Encoding", "")
		for _, face := range strings.Split(string(css), "@font-face")[1:] {
			faces++
			face, _, _ = strings.Cut(face, "}")
			if !strings.Contains(face, "font-display: swap") {
				t.Errorf("%s: a face without font-display: swap: %s", sheet, face)
			}
			if !regexp.MustCompile(`url\("/static/[^"]+\.[0-9a-f]{8}\.woff2"\)`).MatchString(face) {
				t.Errorf("%s: a face whose font is not fingerprinted: %s", sheet, face)
			}
			if !strings.Contains(face, "unicode-range: U+0000-00FF,") && !strings.Contains(face, "unicode-range: U+0100-02BA,") {
				t.Errorf("%s: a face neither Latin (with ä, ö, ü, ß) nor Latin Extended: %s", sheet, face)
			}
		}
	}
	if faces != 8 {
		t.Errorf("the page's sheets %v declare %d font faces, want the 4 weights in use, Latin and Latin Extended", sheets, faces)
	}
}
