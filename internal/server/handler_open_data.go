package server

import (
	"bytes"
	"context"
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

// openOffersCSV is every public offer as Excel in Germany opens a CSV.
func (s *Server) openOffersCSV(c *gin.Context) {
	offers, err := s.services.Offers.Open(c.Request.Context(), maxOpenRows)
	if err != nil {
		s.fail(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	w := newExcelCSV()
	head := []string{"id"}
	for _, f := range []string{"title", "provider", "description", "categories", "target_groups", "languages", "towns",
		"street", "postcode", "city", "contact_email", "contact_phone", "website", "fees", "eligibility", "step_free",
		"status"} {
		head = append(head, t.T("offer.field."+f))
	}
	w.row(append(head, t.T("offer.col.confirmed"), s.services.Offers.Licence()))
	for _, o := range offers {
		towns := strings.Join(o.TownNames, ", ")
		if o.CountyWide() {
			towns = t.T("offer.countyWide")
		}
		w.row([]string{o.PublicID, o.Title, o.Provider, o.Description, strings.Join(o.CategoryNames.Labels(o.Categories, t.Lang()), ", "),
			labels(t, "offer.group.", o.TargetGroups), labels(t, "offer.lang.", o.Languages), towns, o.Street,
			o.Postcode, o.City, o.ContactEmail, o.ContactPhone, o.Website, o.Fees, o.Eligibility,
			t.T("offer.stepFree." + string(o.StepFree)), t.T("offer.status." + string(o.Status)),
			o.ConfirmedAt.In(domain.Berlin).Format("02.01.2006"), ""})
	}
	s.sendCSV(c, "angebote.csv", w)
}

func labels(t translator, prefix string, codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = t.T(prefix + c)
	}
	return strings.Join(out, ", ")
}

// excelCSV writes a CSV as Excel in Germany opens it: semicolons, UTF-8
// with a byte order mark, CRLF; cells that a spreadsheet would run as a
// formula are defused.
type excelCSV struct {
	buf bytes.Buffer
	w   *csv.Writer
}

func newExcelCSV() *excelCSV {
	e := &excelCSV{}
	e.buf.WriteString("\ufeff")
	e.w = csv.NewWriter(&e.buf)
	e.w.Comma, e.w.UseCRLF = ';', true
	return e
}

func (e *excelCSV) row(cells []string) {
	for i := range cells {
		cells[i] = reportexport.Safe(cells[i])
	}
	_ = e.w.Write(cells) // writes into memory
}

func (e *excelCSV) bytes() []byte {
	e.w.Flush()
	return e.buf.Bytes()
}

// sendCSV sends an open dataset's CSV as a download.
func (s *Server) sendCSV(c *gin.Context, filename string, w *excelCSV) {
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Access-Control-Allow-Origin", "*")
	s.sendPublicData(c, "text/csv; charset=utf-8", w.bytes())
}

// openOffersDCAT describes the offers dataset in DCAT-AP.de (JSON-LD), so
// that open-data portals can harvest it.
func (s *Server) openOffersDCAT(c *gin.Context) {
	d, err := s.offersDataset(c.Request.Context(), s.translatorFor(c.Request))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendJSONLD(c, d)
}

// offersDataset describes the offers; it was modified when an offer last
// changed (not at the time of asking, which would make every answer new).
func (s *Server) offersDataset(ctx context.Context, t translator) (map[string]any, error) {
	modified, err := s.services.Offers.Modified(ctx)
	if err != nil {
		return nil, err
	}
	return s.dcatDataset(dcatSpec{ID: "/offene-daten/angebote.jsonld",
		Title: t.T("openData.offers.title"), Description: t.T("openData.offers.description"),
		Modified: modified, Landing: "/angebote", API: "/api/v1/public/offers", CSV: "/offene-daten/angebote.csv"}), nil
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

// sendJSONLD sends a DCAT-AP.de description.
func (s *Server) sendJSONLD(c *gin.Context, doc map[string]any) {
	doc["@context"] = dcatContext
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Access-Control-Allow-Origin", "*")
	s.sendPublicData(c, "application/ld+json", body)
}

// xsdDateTime is a typed JSON-LD literal.
func xsdDateTime(t time.Time) map[string]string {
	return map[string]string{"@value": t.UTC().Format(time.RFC3339), "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
}
