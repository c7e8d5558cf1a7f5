package seed

import "github.com/planwerk/planwerk/internal/domain"

// CountySlug is the slug of the county office, the parent of every town.
const CountySlug = "kreis-coesfeld"

// Organisations returns the county office followed by its eleven towns in
// alphabetical order.
func Organisations() []Organisation {
	orgs := []Organisation{{
		Slug:       CountySlug,
		Name:       "Kreis Coesfeld – Kommunales Integrationszentrum",
		Kind:       domain.OrgCounty,
		FullName:   "Kreis Coesfeld – Kommunales Integrationszentrum",
		MailDomain: "kreis-coesfeld.de",
	}}
	for _, t := range towns {
		orgs = append(orgs, Organisation{
			Slug:       t.slug,
			Name:       t.name,
			Kind:       domain.OrgMunicipality,
			ParentSlug: CountySlug,
			FullName:   t.kind + " " + t.name,
			MailDomain: t.domain,
		})
	}
	return orgs
}

var towns = []struct{ slug, name, kind, domain string }{
	{"ascheberg", "Ascheberg", "Gemeinde", "ascheberg.de"},
	{"billerbeck", "Billerbeck", "Stadt", "billerbeck.de"},
	{"coesfeld", "Coesfeld", "Stadt", "coesfeld.de"},
	{"duelmen", "Dülmen", "Stadt", "duelmen.de"},
	{"havixbeck", "Havixbeck", "Gemeinde", "havixbeck.de"},
	{"luedinghausen", "Lüdinghausen", "Stadt", "luedinghausen.de"},
	{"nordkirchen", "Nordkirchen", "Gemeinde", "nordkirchen.de"},
	{"nottuln", "Nottuln", "Gemeinde", "nottuln.de"},
	{"olfen", "Olfen", "Stadt", "olfen.de"},
	{"rosendahl", "Rosendahl", "Gemeinde", "rosendahl.de"},
	{"senden", "Senden", "Gemeinde", "senden-westfalen.de"},
}
