package config

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Offers are the settings of the public directory of offers and its open data.
type Offers struct {
	// OfferSecret (PLANWERK_OFFER_SECRET) signs the providers' confirmation
	// links (HMAC-SHA256), at least 32 characters. Empty: a random secret
	// per start, so links die with a restart (fine for the demo, not for
	// production).
	OfferSecret string
	// OfferLinkDays (PLANWERK_OFFER_LINK_DAYS) is how long a confirmation
	// link may be used.
	OfferLinkDays int
	// OfferUnconfirmedDays (PLANWERK_OFFER_UNCONFIRMED_DAYS): an offer
	// nobody confirmed for longer is flagged to its maintainer and marked
	// publicly ("Angaben nicht bestätigt seit …").
	OfferUnconfirmedDays int
	// DataLicence (PLANWERK_DATA_LICENCE) is the code of the licence of
	// every open dataset (licences.go; Licence gives its name and address).
	DataLicence string
	// TrustedProxies (PLANWERK_TRUSTED_PROXIES) are the reverse proxies
	// whose X-Forwarded-For names the client the public side's rate limits
	// count (proxies.go).
	TrustedProxies []netip.Prefix
}

// DefaultOffers are the offers' settings unless the environment says otherwise.
var DefaultOffers = Offers{OfferLinkDays: 30, OfferUnconfirmedDays: 365,
	DataLicence: "dl-by-de/2.0"}

// LinkValidity is OfferLinkDays as a duration.
func (o Offers) LinkValidity() time.Duration { return time.Duration(o.OfferLinkDays) * 24 * time.Hour }

// UnconfirmedAfter is OfferUnconfirmedDays as a duration.
func (o Offers) UnconfirmedAfter() time.Duration {
	return time.Duration(o.OfferUnconfirmedDays) * 24 * time.Hour
}

// load reads the offers' settings and returns what is wrong with them.
func (o *Offers) load(getenv func(string) string) []string {
	var problems []string
	if v := strings.TrimSpace(getenv("PLANWERK_OFFER_SECRET")); v != "" {
		if len(v) < 32 {
			problems = append(problems, "PLANWERK_OFFER_SECRET: mindestens 32 Zeichen")
		}
		o.OfferSecret = v
	}
	for _, d := range []struct {
		dst      *int
		name     string
		min, max int
	}{{&o.OfferLinkDays, "PLANWERK_OFFER_LINK_DAYS", 1, 365}, {&o.OfferUnconfirmedDays, "PLANWERK_OFFER_UNCONFIRMED_DAYS", 30, 3650}} {
		v := strings.TrimSpace(getenv(d.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < d.min || n > d.max {
			problems = append(problems, fmt.Sprintf("%s=%q: erwartet eine Zahl von Tagen zwischen %d und %d", d.name, v, d.min, d.max))
			continue
		}
		*d.dst = n
	}
	setString(&o.DataLicence, getenv("PLANWERK_DATA_LICENCE"))
	if _, ok := findLicence(o.DataLicence); !ok {
		problems = append(problems, licenceProblem(o.DataLicence))
	}
	proxies, bad := parseTrustedProxies(getenv("PLANWERK_TRUSTED_PROXIES"))
	o.TrustedProxies = proxies
	return append(problems, bad...)
}
