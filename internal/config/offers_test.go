package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestOfferSettings: defaults, values read, and every bad value named.
func TestOfferSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.Licence().Name != "Datenlizenz Deutschland – Namensnennung – Version 2.0" ||
		c.Licence().URI != "http://dcat-ap.de/def/licenses/dl-by-de/2.0" ||
		c.LinkValidity() != 30*24*time.Hour || c.UnconfirmedAfter() != 365*24*time.Hour || c.OfferSecret != "" {
		t.Fatalf("defaults: %+v, %v", c.Offers, err)
	}
	c, err = Load(env(map[string]string{"PLANWERK_OFFER_SECRET": strings.Repeat("s", 32),
		"PLANWERK_OFFER_LINK_DAYS": "14", "PLANWERK_OFFER_UNCONFIRMED_DAYS": "180", "PLANWERK_DATA_LICENCE": "cc-by/4.0"}))
	if err != nil || c.LinkValidity() != 14*24*time.Hour || c.OfferUnconfirmedDays != 180 ||
		c.Licence().URI != "http://dcat-ap.de/def/licenses/cc-by/4.0" || !strings.Contains(c.Licence().Name, "CC BY 4.0") {
		t.Errorf("read: %+v, %v", c.Offers, err)
	}
	_, err = Load(env(map[string]string{"PLANWERK_OFFER_SECRET": "kurz", "PLANWERK_OFFER_LINK_DAYS": "0",
		"PLANWERK_OFFER_UNCONFIRMED_DAYS": "viele", "PLANWERK_DATA_LICENCE": "Meine Lizenz"}))
	for _, name := range []string{"PLANWERK_OFFER_SECRET", "PLANWERK_OFFER_LINK_DAYS", "PLANWERK_OFFER_UNCONFIRMED_DAYS",
		"PLANWERK_DATA_LICENCE"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s not refused: %v", name, err)
		}
	}
}

// TestTrustedProxies: none by default; addresses and networks read; a bad
// entry is named.
func TestTrustedProxies(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || len(c.TrustedProxies) != 0 {
		t.Fatalf("default: %v, %v", c.TrustedProxies, err)
	}
	c, err = Load(env(map[string]string{"PLANWERK_TRUSTED_PROXIES": "10.0.0.5, 192.168.1.0/24 2001:db8::/32"}))
	if err != nil || fmt.Sprint(c.TrustedProxies) != "[10.0.0.5/32 192.168.1.0/24 2001:db8::/32]" {
		t.Errorf("read: %v, %v", c.TrustedProxies, err)
	}
	if _, err := Load(env(map[string]string{"PLANWERK_TRUSTED_PROXIES": "10.0.0.5, proxy.kreis"})); err == nil ||
		!strings.Contains(err.Error(), `PLANWERK_TRUSTED_PROXIES: "proxy.kreis"`) {
		t.Errorf("a host name is not refused: %v", err)
	}
}
