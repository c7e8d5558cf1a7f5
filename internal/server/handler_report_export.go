package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/pdfprint"
	"github.com/planwerk/planwerk/internal/reportexport"
)

// PDFPrinter prints a self-contained HTML document to a tagged PDF;
// *pdfprint.Engine is one. Without it (no Chromium installed) the PDF
// download explains what to install.
type PDFPrinter interface {
	Print(ctx context.Context, doc pdfprint.Document) ([]byte, error)
}

const (
	mimePDF  = "application/pdf"
	mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// reportPDF sends the report (with its comparison, when asked for) as an
// accessible PDF printed from its print document.
func (s *Server) reportPDF(c *gin.Context) {
	d, _, ok := s.loadReport(c, false)
	if !ok {
		return
	}
	pdf, err := s.printReport(c, d)
	if err != nil {
		s.pdfFailed(c, err)
		return
	}
	s.sendFile(c, d, "pdf", mimePDF, pdf)
}

// printReport renders the print document and prints it. Printing takes
// longer than a page may (PLANWERK_REQUEST_TIMEOUT): it is bounded by the
// engine's own timeout instead, and stops when the client goes away.
func (s *Server) printReport(c *gin.Context, d reportData) ([]byte, error) {
	if s.pdf == nil {
		return nil, errNoPDFEngine
	}
	html, err := s.printDocument(c, d)
	if err != nil {
		return nil, err
	}
	return s.printHTML(c, html)
}

// printHTML prints a self-contained print document (a report, a plan
// version's change annex) with page numbers in the footer.
func (s *Server) printHTML(c *gin.Context, html []byte) ([]byte, error) {
	if s.pdf == nil {
		return nil, errNoPDFEngine
	}
	reqCtx := c.Request.Context()
	ctx, cancel := context.WithCancel(context.WithoutCancel(reqCtx))
	defer cancel()
	defer context.AfterFunc(reqCtx, func() {
		if !errors.Is(reqCtx.Err(), context.DeadlineExceeded) {
			cancel() // the client left; the request deadline alone does not stop printing
		}
	})()
	t := s.translatorFor(c.Request)
	footer := `<div style="font-family: sans-serif; font-size: 8pt; width: 100%; text-align: center;">` +
		t.T("exports.pdf.footer", "Page", `<span class="pageNumber"></span>`, "Pages", `<span class="totalPages"></span>`) + `</div>`
	return s.pdf.Print(ctx, pdfprint.Document{HTML: html, Footer: footer})
}

var errNoPDFEngine = errors.New("no PDF engine: Chromium not installed")

// pdfFailed explains a PDF that could not be printed: without Chromium what
// to install (503), otherwise a temporary failure.
func (s *Server) pdfFailed(c *gin.Context, err error) {
	s.logFailure(c.Request, http.StatusServiceUnavailable, err)
	c.Header("Retry-After", "30")
	if errors.Is(err, errNoPDFEngine) {
		s.renderError(c, http.StatusServiceUnavailable, "exports.pdf.noChromium")
		return
	}
	s.renderError(c, http.StatusServiceUnavailable, "exports.pdf.failed")
}

// reportXLSX sends the report as a workbook.
func (s *Server) reportXLSX(c *gin.Context) {
	d, _, ok := s.loadReport(c, false)
	if !ok {
		return
	}
	t := s.translatorFor(c.Request)
	data, err := reportexport.XLSX(d.Frozen, d.Comparison, t.T, t.Date)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendFile(c, d, "xlsx", mimeXLSX, data)
}

// reportCSV sends every row of the report as CSV.
func (s *Server) reportCSV(c *gin.Context) {
	d, _, ok := s.loadReport(c, false)
	if !ok {
		return
	}
	data, err := reportexport.CSV(d.Frozen, s.translatorFor(c.Request).T)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendFile(c, d, "csv", "text/csv; charset=utf-8", data)
}

// reportBundle sends the council information system bundle: the PDF as main
// file, the XLSX as auxiliary file, and their OParl-shaped description.
func (s *Server) reportBundle(c *gin.Context) {
	d, _, ok := s.loadReport(c, false)
	if !ok {
		return
	}
	pdf, err := s.printReport(c, d)
	if err != nil {
		s.pdfFailed(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	xlsx, err := reportexport.XLSX(d.Frozen, d.Comparison, t.T, t.Date)
	if err != nil {
		s.fail(c, err)
		return
	}
	r := d.Frozen.Report
	frozen := time.Time{}
	if r.FrozenAt != nil {
		frozen = r.FrozenAt.In(berlin)
	}
	zip, err := reportexport.Bundle(reportexport.BundleInfo{Name: r.Title, Reference: reportReference(d),
		PaperType: reportexport.PaperKind, Date: frozen},
		reportexport.Attachment{Name: r.Title, FileName: reportFileName(d, "pdf"), MimeType: mimePDF, Data: pdf},
		reportexport.Attachment{Name: t.T("exports.bundle.xlsxName", "Title", r.Title), FileName: reportFileName(d, "xlsx"),
			MimeType: mimeXLSX, Data: xlsx})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, reportFileName(d, "zip")))
	c.Data(http.StatusOK, "application/zip", zip)
}

// reportReference identifies a report across systems: plan and report id.
func reportReference(d reportData) string {
	return fmt.Sprintf("%s/%d", d.Frozen.Plan.Slug, d.Frozen.Report.ID)
}

// reportFileName is a download's file name: plan, report id (and the
// report compared with), extension; ASCII only, so every browser keeps it.
func reportFileName(d reportData, ext string) string {
	name := fmt.Sprintf("%s-bericht-%d", d.Frozen.Plan.Slug, d.Frozen.Report.ID)
	if d.Comparison != nil {
		name += fmt.Sprintf("-vergleich-%d", d.Comparison.Earlier.ID)
	}
	return name + "." + ext
}

func (s *Server) sendFile(c *gin.Context, d reportData, ext, mime string, data []byte) {
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, reportFileName(d, ext)))
	c.Data(http.StatusOK, mime, data)
}
