package server

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
	catalogsvc "github.com/planwerk/planwerk/internal/service/catalogue"
)

// importUploadLimit is what an import's request may carry: the file and
// the few fields beside it.
const importUploadLimit = catalogueio.MaxFileBytes + 64<<10

type importData struct {
	Kind     catalogueio.Kind
	Action   string // the form's address; confirmation at Action+"/bestaetigen"
	Encoding string
	Upload   *catalogsvc.Upload
	// Shown are the rows worth listing (all but the unchanged ones).
	Shown         []domain.ImportRow
	RetireMissing bool
	Error         string // why the file or the confirmation was refused
	Done          bool   // the import was applied
}

// importRequestOf is the import the address names: the catalogue on the
// plan's address (the county office's), one town's states on the town's.
func importRequestOf(c *gin.Context) (catalogsvc.ImportRequest, string) {
	sc := scopeOf(c)
	if sc.Org.ID != 0 {
		return catalogsvc.ImportRequest{Plan: sc.Plan, Org: sc.Org, Kind: catalogueio.KindStates},
			townPath(sc.Plan.Slug, sc.Org.Slug) + "/import"
	}
	return catalogsvc.ImportRequest{Plan: sc.Plan, Org: sc.County, Kind: catalogueio.KindCatalogue},
		cataloguePath(sc.Plan.Slug) + "/import"
}

// importForm shows the upload form (and, after an import, its confirmation).
func (s *Server) importForm(c *gin.Context) {
	req, action := importRequestOf(c)
	s.renderImport(c, http.StatusOK, importData{Kind: req.Kind, Action: action, Done: c.Query(paramSaved) == "importiert"})
}

// importDryRun reads the uploaded file and shows what importing it would do.
func (s *Server) importDryRun(c *gin.Context) {
	req, action := importRequestOf(c)
	d := importData{Kind: req.Kind, Action: action, Encoding: c.PostForm("zeichensatz")}
	enc := catalogueio.Encoding(d.Encoding)
	if enc != catalogueio.EncodingAuto && enc != catalogueio.EncodingUTF8 && enc != catalogueio.EncodingWindows {
		enc, d.Encoding = catalogueio.EncodingAuto, ""
	}
	name, data, err := uploadedFile(c)
	if err == nil {
		var u catalogsvc.Upload
		u, err = s.services.Catalogue.DryRun(c.Request.Context(), actorOf(c), req, name, data, enc)
		d.Upload = &u
	}
	s.showImport(c, d, err)
}

// importApply applies the checked file, all or nothing.
func (s *Server) importApply(c *gin.Context) {
	req, action := importRequestOf(c)
	req.RetireMissing = c.PostForm("fehlende_entfallen") == "ja"
	u, err := s.services.Catalogue.Apply(c.Request.Context(), actorOf(c), req, c.PostForm("token"), c.PostForm("pruefsumme"))
	if err == nil {
		to := action + "?" + paramSaved + "=importiert"
		if req.Kind == catalogueio.KindCatalogue {
			to = cataloguePath(req.Plan.Slug) + "?" + paramSaved + "=importiert"
		}
		c.Redirect(http.StatusSeeOther, to)
		return
	}
	d := importData{Kind: req.Kind, Action: action, RetireMissing: req.RetireMissing}
	if u.Token != "" {
		d.Upload = &u
	}
	s.showImport(c, d, err)
}

// showImport renders a dry run, or the refusal of the file or confirmation.
func (s *Server) showImport(c *gin.Context, d importData, err error) {
	status := http.StatusOK
	if err != nil {
		r, ok := s.refusalOf(c, err, "import.err.summary", "import.err.changed")
		if !ok {
			s.fail(c, err)
			return
		}
		status, d.Error = r.Status, r.Summary
		if domain.ErrorCode(err) == domain.CodeConflict {
			status = http.StatusConflict // the plan changed since the dry run
		}
		for _, m := range r.Fields {
			d.Error = m
		}
		if d.Upload != nil && d.Upload.Token == "" {
			d.Upload = nil
		}
	}
	s.renderImport(c, status, d)
}

func (s *Server) renderImport(c *gin.Context, status int, d importData) {
	sc := scopeOf(c)
	if d.Upload != nil {
		for _, r := range d.Upload.Rows {
			if r.Action != domain.ImportUnchanged {
				d.Shown = append(d.Shown, r)
			}
		}
	}
	title := "import.title." + string(d.Kind)
	crumbs := []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}}
	nav := "plan"
	if d.Kind == catalogueio.KindCatalogue {
		crumbs = append(crumbs, crumb{Label: "catalogue.title", Href: cataloguePath(sc.Plan.Slug)})
	} else {
		nav = sc.Org.Slug
		crumbs = append(crumbs, crumb{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)})
	}
	s.render(c, status, "catalogue_import", view{Title: title, Nav: nav, Crumbs: append(crumbs, crumb{Label: title}), Data: d})
}

// uploadedFile reads the form's file ("datei") within the import's limit.
func uploadedFile(c *gin.Context) (string, []byte, error) {
	fh, err := c.FormFile("datei")
	if err != nil {
		return "", nil, domain.Keyed(domain.CodeInvalid, "file", "import.err.noFile", "no file chosen")
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, domain.Keyed(domain.CodeInvalid, "file", "import.err.noFile", err.Error())
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, catalogueio.MaxFileBytes+1))
	if err != nil {
		return "", nil, errors.Join(domain.Keyed(domain.CodeInvalid, "file", "import.err.noFile", "unreadable upload"), err)
	}
	name := strings.ToValidUTF8(fh.Filename, "_")
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	return name, data, nil
}
