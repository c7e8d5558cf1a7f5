package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/reportexport"
)

// maxOpenRows bounds one download; the JSON API pages beyond it.
const maxOpenRows = 50000

// licenceURI names the licence for harvesters (DCAT-AP.de's vocabulary).
const licenceURI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"

// openOffersCSV is every public offer as Excel in Germany opens a CSV:
// semicolons, UTF-8 with a byte order mark, CRLF; cells that a spreadsheet
// would run as a formula are defused.
func (s *Server) openOffersCSV(c *gin.Context) {
	offers, err := s.services.Offers.Open(c.Request.Context(), maxOpenRows)
	if err != nil {
		s.fail(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	head := []string{"id"}
	for _, f := range []string{"title", "provider", "description", "categories", "target_groups", "languages", "towns",
		"street", "postcode", "city", "contact_email", "contact_phone", "website", "fees", "eligibility", "step_free",
		"status"} {
		head = append(head, t.T("offer.field."+f))
	}
	_ = w.Write(append(head, t.T("offer.col.confirmed"), s.services.Offers.Licence()))
	for _, o := range offers {
		towns := strings.Join(o.TownNames, ", ")
		if o.CountyWide() {
			towns = t.T("offer.countyWide")
		}
		row := []string{o.PublicID, o.Title, o.Provider, o.Description, strings.Join(o.CategoryNames.Labels(o.Categories, t.Lang()), ", "),
			labels(t, "offer.group.", o.TargetGroups), labels(t, "offer.lang.", o.Languages), towns, o.Street,
			o.Postcode, o.City, o.ContactEmail, o.ContactPhone, o.Website, o.Fees, o.Eligibility,
			t.T("offer.stepFree." + string(o.StepFree)), t.T("offer.status." + string(o.Status)),
			o.ConfirmedAt.In(domain.Berlin).Format("02.01.2006"), ""}
		for i := range row {
			row[i] = reportexport.Safe(row[i])
		}
		_ = w.Write(row)
	}
	w.Flush()
	c.Header("Content-Disposition", `attachment; filename="angebote.csv"`)
	c.Header("Access-Control-Allow-Origin", "*")
	s.sendPublicData(c, "text/csv; charset=utf-8", buf.Bytes())
}

func labels(t translator, prefix string, codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = t.T(prefix + c)
	}
	return strings.Join(out, ", ")
}

// openOffersDCAT describes the offers dataset in DCAT-AP.de (JSON-LD), so
// that open-data portals can harvest it.
func (s *Server) openOffersDCAT(c *gin.Context) {
	base := s.opts.PublicURL
	doc := map[string]any{
		"@context": map[string]string{"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
			"dcatde": "http://dcat-ap.de/def/dcatde/", "foaf": "http://xmlns.com/foaf/0.1/"},
		"@id": base + "/offene-daten/angebote.jsonld", "@type": "dcat:Dataset",
		"dct:title":                       "Angebote für Zugewanderte vor Ort",
		"dct:description":                 "Beratung, Sprachkurse, Treffpunkte und Hilfe im Alltag in den Kommunen, mit Kontakt, Zeiten und Sprachen.",
		"dct:publisher":                   map[string]any{"@type": "foaf:Organization", "foaf:name": s.opts.Operator},
		"dct:license":                     map[string]string{"@id": licenceURI},
		"dcatde:licenseAttributionByText": s.opts.Operator,
		"dct:modified":                    map[string]string{"@value": s.services.Offers.Now().UTC().Format(time.RFC3339), "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
		"dcat:theme":                      map[string]string{"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"},
		"dcat:landingPage":                map[string]string{"@id": base + "/angebote"},
		"dcat:distribution": []map[string]any{
			{"@type": "dcat:Distribution", "dct:title": "JSON (API)", "dcat:accessURL": map[string]string{"@id": base + "/api/v1/public/offers"},
				"dcat:mediaType": "application/json", "dct:license": map[string]string{"@id": licenceURI}},
			{"@type": "dcat:Distribution", "dct:title": "CSV", "dcat:downloadURL": map[string]string{"@id": base + "/offene-daten/angebote.csv"},
				"dcat:mediaType": "text/csv", "dct:license": map[string]string{"@id": licenceURI}},
		},
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Access-Control-Allow-Origin", "*")
	s.sendPublicData(c, "application/ld+json", body)
}

// sendPublicData sends open data with an ETag over its bytes (304 when the
// client has them) and lets any cache keep it for five minutes.
func (s *Server) sendPublicData(c *gin.Context, contentType string, body []byte) {
	if publicPageCache(c.Writer, c.Request, body) {
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, contentType, body)
}
