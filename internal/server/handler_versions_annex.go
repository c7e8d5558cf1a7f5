package server

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// annexRow is one line of the change annex: an old measure with what
// becomes of it, or a measure new in the next version (Old empty).
type annexRow struct {
	Field           string
	OldCode         string
	OldTitle        string
	Kind            string // translated
	NewCodes        string
	NewTitles       string
	Reason          string
	Implementations int
}

// versionAnnex is the change annex for the council's decision: the
// mapping of every measure of the current version onto the next.
type versionAnnex struct {
	Draft    domain.VersionDraft
	Rows     []annexRow
	PrintCSS template.CSS
}

// annexOf lists the mapping in the old catalogue's order, then the new measures.
func annexOf(t translator, d domain.VersionDraft) []annexRow {
	var rows []annexRow
	for _, r := range d.Rows {
		a := annexRow{Field: r.Old.FieldCode + " " + r.Old.Field, OldCode: r.Old.Code, OldTitle: r.Old.Title,
			Kind: t.T("versions.kind.missing"), Reason: r.Reason, Implementations: r.Implementations}
		if r.Old.OwnerName != "" {
			a.OldTitle += " (" + r.Old.OwnerName + ")"
		}
		if r.Kind != "" {
			a.Kind = t.T("versions.kind." + string(r.Kind))
		}
		var codes, titles []string
		for _, m := range r.Targets {
			codes, titles = append(codes, m.Code), append(titles, m.Title)
		}
		a.NewCodes, a.NewTitles = strings.Join(codes, ", "), strings.Join(titles, "; ")
		rows = append(rows, a)
	}
	for _, m := range d.Added() {
		rows = append(rows, annexRow{Field: m.FieldCode + " " + m.Field, Kind: t.T("versions.kind.added"),
			NewCodes: m.Code, NewTitles: m.Title})
	}
	return rows
}

// loadAnnex reads the mapping of the page's plan onto its next version.
func (s *Server) loadAnnex(c *gin.Context) (versionAnnex, bool) {
	d, err := s.services.Versions.Draft(c.Request.Context(), scopeOf(c).Plan)
	if err != nil {
		s.fail(c, err)
		return versionAnnex{}, false
	}
	return versionAnnex{Draft: d, Rows: annexOf(s.translatorFor(c.Request), d)}, true
}

// versionAnnexPDF sends the change annex as a PDF printed by Chromium, as
// the committee reports are.
func (s *Server) versionAnnexPDF(c *gin.Context) {
	a, ok := s.loadAnnex(c)
	if !ok {
		return
	}
	css, err := printCSS()
	if err != nil {
		s.fail(c, err)
		return
	}
	a.PrintCSS = css
	v := view{translator: s.translatorFor(c.Request), Data: a, Scope: scopeOf(c)}
	var buf bytes.Buffer
	if err := s.pages.byName["version_annex"].ExecuteTemplate(&buf, "printdoc", v); err != nil {
		s.fail(c, err)
		return
	}
	pdf, err := s.printHTML(c, buf.Bytes())
	if err != nil {
		s.pdfFailed(c, err)
		return
	}
	s.sendMonitoringFile(c, mimePDF, annexFileName(a.Draft, "pdf"), pdf)
}

// versionAnnexXLSX sends the change annex as a workbook with the columns of the PDF.
func (s *Server) versionAnnexXLSX(c *gin.Context) {
	a, ok := s.loadAnnex(c)
	if !ok {
		return
	}
	t := s.translatorFor(c.Request)
	table := monitoringTable{}
	for _, col := range []string{"field", "oldCode", "oldTitle", "kind", "newCodes", "newTitles", "reason", "implementations"} {
		table.Header = append(table.Header, t.T("versions.annex.col."+col))
	}
	for _, r := range a.Rows {
		table.Rows = append(table.Rows, []any{r.Field, r.OldCode, r.OldTitle, r.Kind, r.NewCodes, r.NewTitles, r.Reason, r.Implementations})
	}
	b, err := monitoringWorkbook(t.T("versions.annex.sheet"), table)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendMonitoringFile(c, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", annexFileName(a.Draft, "xlsx"), b)
}

// annexFileName is built from slugs only: no quoting needed.
func annexFileName(d domain.VersionDraft, ext string) string {
	return fmt.Sprintf("aenderungsanlage-%s.%s", d.New.Slug, ext)
}
