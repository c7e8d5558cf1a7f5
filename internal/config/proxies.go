package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// parseTrustedProxies reads PLANWERK_TRUSTED_PROXIES: addresses or networks
// (CIDR) of the reverse proxies in front of Planwerk, separated by commas or
// spaces. Only a request from one of them may name its client in
// X-Forwarded-For; the rate limits key on that client. Empty: no proxy is
// trusted and the connection's address counts.
func parseTrustedProxies(v string) ([]netip.Prefix, []string) {
	var out []netip.Prefix
	var problems []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		problems = append(problems, fmt.Sprintf("PLANWERK_TRUSTED_PROXIES: %q ist weder Adresse noch Netz (z. B. 10.0.0.5 oder 10.0.0.0/24)", f))
	}
	return out, problems
}
