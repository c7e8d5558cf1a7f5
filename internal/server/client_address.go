package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddress is the address the rate limits count for r: the
// connection's, unless it comes from a trusted reverse proxy
// (PLANWERK_TRUSTED_PROXIES); then the nearest address in X-Forwarded-For
// that is not itself a trusted proxy, read from the right, because each
// proxy appends what it saw and only the part the trusted ones wrote is
// true. A client that is not a trusted proxy cannot choose its address by
// sending the header.
func (s *Server) clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !s.trustedProxy(addr) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a garbled entry: nothing left of it can be trusted
		}
		if !s.trustedProxy(hop) {
			return hop.Unmap().String()
		}
		addr = hop
	}
	return addr.Unmap().String()
}

func (s *Server) trustedProxy(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.opts.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
