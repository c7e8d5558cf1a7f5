package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// wireGet sends a GET with the given headers through a client that neither
// asks for compression itself nor undoes it, so the answer is as sent.
func wireGet(t *testing.T, c *http.Client, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	raw := &http.Client{Jar: c.Jar, CheckRedirect: c.CheckRedirect, Transport: &http.Transport{DisableCompression: true}}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := raw.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func varies(h http.Header, field string) bool {
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), field) {
				return true
			}
		}
	}
	return false
}

// Pages travel compressed only to a client that asked, always with Vary:
// Accept-Encoding so no cache hands a compressed copy to one that did not.
func TestPagesCompressedOnlyWhenAsked(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	url := a.URL + demoPlan + "/kommunen/duelmen"
	for _, tc := range []struct {
		name, accept, want string
	}{
		{"nothing asked", "", ""},
		{"gzip", "gzip", "gzip"},
		{"gzip refused by q=0", "gzip;q=0, identity", ""},
		{"zstd preferred by a modern browser", "gzip, deflate, br, zstd", "zstd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := wireGet(t, c, url, "Accept-Encoding", tc.accept)
			if resp.StatusCode != http.StatusOK || !varies(resp.Header, "Accept-Encoding") {
				t.Fatalf("status %d, Vary %q", resp.StatusCode, resp.Header.Values("Vary"))
			}
			if got := resp.Header.Get("Content-Encoding"); got != tc.want {
				t.Fatalf("Content-Encoding %q, want %q", got, tc.want)
			}
			page := string(body)
			switch tc.want {
			case "gzip":
				page = gunzip(t, body)
			case "zstd":
				d, err := zstd.NewReader(nil)
				if err != nil {
					t.Fatal(err)
				}
				out, err := d.DecodeAll(body, nil)
				if err != nil {
					t.Fatalf("not zstd: %v", err)
				}
				page = string(out)
			}
			mustContain(t, page, "<!DOCTYPE html>", "</html>")
		})
	}
}

// A request another site made the browser send is answered uncompressed, so
// an attacker cannot learn anything from compressed sizes (BREACH).
func TestCrossSiteRequestsNotCompressed(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	url := a.URL + demoPlan + "/kommunen/duelmen?q=Klima"
	for site, want := range map[string]string{"cross-site": "", "same-site": "", "same-origin": "gzip", "none": "gzip"} {
		resp, _ := wireGet(t, c, url, "Accept-Encoding", "gzip", "Sec-Fetch-Site", site)
		if got := resp.Header.Get("Content-Encoding"); resp.StatusCode != http.StatusOK || got != want {
			t.Errorf("Sec-Fetch-Site %s: status %d, Content-Encoding %q, want %q", site, resp.StatusCode, got, want)
		}
	}
	// A static file too, and no header of the compression layer leaks out.
	resp, _ := wireGet(t, anonymous(), a.URL+"/static/app.css", "Accept-Encoding", "gzip", "Sec-Fetch-Site", "cross-site")
	if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("No-Gzip-Compression") != "" {
		t.Errorf("cross-site style sheet: %v", resp.Header)
	}
}

// The demo workspace, the page coordinators open most, stays within the
// issue's budget on the wire.
func TestWorkspaceOnTheWireWithin40KB(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	resp, body := wireGet(t, c, a.URL+demoPlan+"/kommunen/duelmen", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("workspace not compressed: %v", resp.Header)
	}
	plain := gunzip(t, body)
	t.Logf("workspace: %d bytes of HTML, %d bytes gzip", len(plain), len(body))
	if len(body) > 40<<10 {
		t.Errorf("workspace is %d bytes on the wire, budget 40 KB", len(body))
	}
}

// A spreadsheet is a zip archive already: it is sent as it is, even to a
// client that accepts gzip.
func TestSpreadsheetNotRecompressed(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "ki-1")
	resp, body := wireGet(t, c, a.URL+demoPlan+"/monitoring.xlsx", "Accept-Encoding", "gzip, zstd")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "" || !bytes.HasPrefix(body, []byte("PK")) {
		t.Errorf("spreadsheet sent with Content-Encoding %q (starts %q)", ce, body[:min(4, len(body))])
	}
}
