package server

import (
	"time"

	"github.com/gin-gonic/gin"
)

// dcatContext names the vocabularies of the DCAT-AP.de descriptions.
var dcatContext = map[string]string{"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
	"dcatde": "http://dcat-ap.de/def/dcatde/", "foaf": "http://xmlns.com/foaf/0.1/"}

// dcatSpec is what differs between the open datasets; paths are relative to
// the public address.
type dcatSpec struct {
	ID, Title, Description string
	Modified               time.Time
	Landing, API, CSV      string
}

// dcatDataset describes one open dataset in DCAT-AP.de with its two
// distributions, the JSON API and the CSV download, each under the licence.
func (s *Server) dcatDataset(d dcatSpec) map[string]any {
	base := s.opts.PublicURL
	licence := ref(s.services.Offers.LicenceURI())
	return map[string]any{
		"@id": base + d.ID, "@type": "dcat:Dataset",
		"dct:title":                       d.Title,
		"dct:description":                 d.Description,
		"dct:publisher":                   s.dcatPublisher(),
		"dct:license":                     licence,
		"dcatde:licenseAttributionByText": s.opts.Operator,
		"dct:modified":                    xsdDateTime(d.Modified),
		"dct:language":                    ref("http://publications.europa.eu/resource/authority/language/DEU"),
		"dcat:theme":                      ref("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
		"dcat:landingPage":                ref(base + d.Landing),
		"dcat:distribution": []map[string]any{
			{"@type": "dcat:Distribution", "dct:title": "JSON (API)", "dcat:accessURL": ref(base + d.API),
				"dct:format":     ref("http://publications.europa.eu/resource/authority/file-type/JSON"),
				"dcat:mediaType": "application/json", "dct:license": licence},
			{"@type": "dcat:Distribution", "dct:title": "CSV", "dcat:accessURL": ref(base + d.CSV),
				"dcat:downloadURL": ref(base + d.CSV),
				"dct:format":       ref("http://publications.europa.eu/resource/authority/file-type/CSV"),
				"dcat:mediaType":   "text/csv", "dct:license": licence},
		},
	}
}

func (s *Server) dcatPublisher() map[string]any {
	return map[string]any{"@type": "foaf:Organization", "foaf:name": s.opts.Operator}
}

func ref(id string) map[string]string { return map[string]string{"@id": id} }

// openDataCatalog lists every open dataset in one dcat:Catalog, so that a
// portal harvests them all from one address: the offers and the status of
// each published plan (three statements, whatever the number of plans).
func (s *Server) openDataCatalog(c *gin.Context) {
	plans, err := s.services.PublicPlans.Published(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	offers, err := s.offersDataset(c.Request.Context(), t)
	if err != nil {
		s.fail(c, err)
		return
	}
	datasets := []map[string]any{offers}
	for _, p := range plans {
		datasets = append(datasets, s.planDataset(t, p))
	}
	s.sendJSONLD(c, map[string]any{
		"@id": s.opts.PublicURL + "/offene-daten/katalog.jsonld", "@type": "dcat:Catalog",
		"dct:title":       t.T("openData.catalog.title", "Operator", s.opts.Operator),
		"dct:description": t.T("openData.catalog.description"),
		"dct:publisher":   s.dcatPublisher(),
		"dct:language":    ref("http://publications.europa.eu/resource/authority/language/DEU"),
		"foaf:homepage":   ref(s.opts.PublicURL + "/"),
		"dcat:dataset":    datasets,
	})
}
