package config

import (
	"fmt"
	"slices"
	"strings"
)

// Licence is an open-data licence: the name shown with every dataset, and
// the address from DCAT-AP.de's licence vocabulary that the datasets'
// descriptions give harvesters.
type Licence struct {
	Code, Name, URI string
}

// licences are the licences open data may be given under, by their code in
// DCAT-AP.de's vocabulary (http://dcat-ap.de/def/licenses/<code>), so that
// the name people read and the address portals harvest always agree.
var licences = []Licence{
	{Code: "dl-by-de/2.0", Name: "Datenlizenz Deutschland – Namensnennung – Version 2.0"},
	{Code: "dl-zero-de/2.0", Name: "Datenlizenz Deutschland – Zero – Version 2.0"},
	{Code: "cc-by/4.0", Name: "Creative Commons Namensnennung 4.0 International (CC BY 4.0)"},
	{Code: "cc-by-sa/4.0", Name: "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International (CC BY-SA 4.0)"},
	{Code: "cc-zero", Name: "Creative Commons CC0 1.0 Universell (CC0 1.0)"},
}

// findLicence returns the licence of code.
func findLicence(code string) (Licence, bool) {
	i := slices.IndexFunc(licences, func(l Licence) bool { return l.Code == code })
	if i < 0 {
		return Licence{}, false
	}
	l := licences[i]
	l.URI = "http://dcat-ap.de/def/licenses/" + l.Code
	return l, true
}

// Licence is the configured licence of the open data.
func (o Offers) Licence() Licence {
	l, _ := findLicence(o.DataLicence)
	return l
}

func licenceProblem(code string) string {
	codes := make([]string, len(licences))
	for i, l := range licences {
		codes[i] = l.Code
	}
	return fmt.Sprintf("PLANWERK_DATA_LICENCE=%q: erwartet eine Lizenz aus DCAT-AP.de: %s", code, strings.Join(codes, ", "))
}
