package server

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func proxied(remote string, forwarded ...string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/api/v1/public/offers", nil)
	r.RemoteAddr = remote
	for _, f := range forwarded {
		r.Header.Add("X-Forwarded-For", f)
	}
	return r
}

// TestClientAddress: without trusted proxies the connection's address
// counts whatever X-Forwarded-For says; behind a trusted proxy the nearest
// address it did not write itself, so a client cannot pick its address by
// prepending one.
func TestClientAddress(t *testing.T) {
	none := &Server{}
	proxy := &Server{opts: Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("2001:db8::1/128")}}}
	cases := []struct {
		name string
		s    *Server
		r    *http.Request
		want string
	}{
		{"no proxy trusted: the header is ignored", none, proxied("198.51.100.4:5000", "203.0.113.7"), "198.51.100.4"},
		{"behind the proxy", proxy, proxied("10.0.0.5:5000", "203.0.113.7"), "203.0.113.7"},
		{"two proxies", proxy, proxied("10.0.0.5:5000", "203.0.113.7, 10.1.2.3"), "203.0.113.7"},
		{"a spoofed first entry is not believed", proxy, proxied("10.0.0.5:5000", "1.2.3.4, 203.0.113.7"), "203.0.113.7"},
		{"header lines join", proxy, proxied("10.0.0.5:5000", "1.2.3.4", "203.0.113.7"), "203.0.113.7"},
		{"not from the proxy: the header is ignored", proxy, proxied("198.51.100.4:5000", "203.0.113.7"), "198.51.100.4"},
		{"the proxy without a header", proxy, proxied("10.0.0.5:5000"), "10.0.0.5"},
		{"garbage stops the walk", proxy, proxied("10.0.0.5:5000", "203.0.113.7, nonsense, 10.1.2.3"), "10.1.2.3"},
		{"IPv6 proxy", proxy, proxied("[2001:db8::1]:5000", "2001:db8::99"), "2001:db8::99"},
	}
	for _, c := range cases {
		if got := c.s.clientAddress(c.r); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestRateLimitKeysOnTheClientBehindTheProxy: two people behind the
// county's proxy have a budget each; a client without a trusted proxy in
// front does not get a fresh budget by sending a new X-Forwarded-For.
func TestRateLimitKeysOnTheClientBehindTheProxy(t *testing.T) {
	kind := limitKind{"test", 0.001, 3}
	behind := &Server{opts: Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.5/32")}},
		limits: newRateLimits(time.Now)}
	spend := func(s *Server, r func(i int) *http.Request) int {
		for i := range 10 {
			w := httptest.NewRecorder()
			if s.refusedByLimit(kind, w, r(i)) {
				if w.Header().Get("Retry-After") == "" {
					t.Error("refused without Retry-After")
				}
				return i
			}
		}
		return 10
	}
	for _, person := range []string{"203.0.113.7", "203.0.113.8"} {
		if n := spend(behind, func(int) *http.Request { return proxied("10.0.0.5:5000", person) }); n != 3 {
			t.Errorf("%s behind the proxy got %d requests, want their own burst of 3", person, n)
		}
	}
	direct := &Server{limits: newRateLimits(time.Now)}
	if n := spend(direct, func(i int) *http.Request {
		return proxied("198.51.100.4:5000", "203.0.113."+string(rune('0'+i)))
	}); n != 3 {
		t.Errorf("a direct client changing X-Forwarded-For got %d requests, want 3", n)
	}
}
