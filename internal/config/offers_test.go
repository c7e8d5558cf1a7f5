package config

import (
	"strings"
	"testing"
	"time"
)

// TestOfferSettings: defaults, values read, and every bad value named.
func TestOfferSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.DataLicence != "Datenlizenz Deutschland – Namensnennung – Version 2.0" ||
		c.LinkValidity() != 30*24*time.Hour || c.UnconfirmedAfter() != 365*24*time.Hour || c.OfferSecret != "" {
		t.Fatalf("defaults: %+v, %v", c.Offers, err)
	}
	c, err = Load(env(map[string]string{"PLANWERK_OFFER_SECRET": strings.Repeat("s", 32),
		"PLANWERK_OFFER_LINK_DAYS": "14", "PLANWERK_OFFER_UNCONFIRMED_DAYS": "180", "PLANWERK_DATA_LICENCE": "CC BY 4.0"}))
	if err != nil || c.LinkValidity() != 14*24*time.Hour || c.OfferUnconfirmedDays != 180 || c.DataLicence != "CC BY 4.0" {
		t.Errorf("read: %+v, %v", c.Offers, err)
	}
	_, err = Load(env(map[string]string{"PLANWERK_OFFER_SECRET": "kurz", "PLANWERK_OFFER_LINK_DAYS": "0",
		"PLANWERK_OFFER_UNCONFIRMED_DAYS": "viele"}))
	for _, name := range []string{"PLANWERK_OFFER_SECRET", "PLANWERK_OFFER_LINK_DAYS", "PLANWERK_OFFER_UNCONFIRMED_DAYS"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s not refused: %v", name, err)
		}
	}
}
