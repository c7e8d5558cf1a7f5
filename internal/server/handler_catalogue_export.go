package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
)

// fileFormat is one of the two file formats of the catalogue's files.
type fileFormat string

const (
	formatCSV  fileFormat = "csv"
	formatXLSX fileFormat = "xlsx"
)

var contentTypes = map[fileFormat]string{
	formatCSV:  "text/csv; charset=utf-8",
	formatXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// lazySheet opens its file only when the first row arrives, so that a
// database that fails before it can still be answered with an error page;
// headers go out with the first byte.
type lazySheet struct {
	c      *gin.Context
	format fileFormat
	kind   catalogueio.Kind
	name   string
	sheet  catalogueio.Sheet
}

func (l *lazySheet) Write(row []string) error {
	if l.sheet == nil {
		if err := l.open(); err != nil {
			return err
		}
	}
	return l.sheet.Write(row)
}

func (l *lazySheet) open() error {
	h := l.c.Writer.Header()
	h.Set("Content-Type", contentTypes[l.format])
	h.Set("Content-Disposition", "attachment; filename="+l.name) // plan and town slugs are ASCII
	var err error
	if l.format == formatCSV {
		l.sheet, err = catalogueio.NewCSV(l.c.Writer)
	} else {
		widths := catalogueio.StateWidths
		if l.kind == catalogueio.KindCatalogue {
			widths = catalogueio.CatalogueWidths
		}
		l.sheet, err = catalogueio.NewXLSX(l.c.Writer, string(l.kind), widths, nil)
	}
	if err == nil {
		err = l.sheet.Write(catalogueio.ColumnsOf(l.kind))
	}
	return err
}

func (l *lazySheet) Close() error {
	if l.sheet == nil {
		if err := l.open(); err != nil {
			return err
		}
	}
	return l.sheet.Close()
}

// exportCatalogue sends the plan's catalogue, retired items included, in
// the columns the import reads.
func (s *Server) exportCatalogue(format fileFormat) gin.HandlerFunc {
	return func(c *gin.Context) {
		sc := scopeOf(c)
		tree, err := s.services.Catalogue.Tree(c.Request.Context(), sc.Plan)
		if err != nil {
			s.fail(c, err)
			return
		}
		out := &lazySheet{c: c, format: format, kind: catalogueio.KindCatalogue,
			name: "katalog-" + sc.Plan.Slug + "." + string(format)}
		for _, r := range catalogueio.CatalogueRecords(tree) {
			if err := out.Write(r); err != nil {
				s.abortFile(c, err)
				return
			}
		}
		if err := out.Close(); err != nil {
			s.abortFile(c, err)
		}
	}
}

// exportStates sends the implementations' states: every town's on the
// plan's address, one town's on the town's.
func (s *Server) exportStates(format fileFormat, perTown bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		sc := scopeOf(c)
		var townID int64
		name := "umsetzungen-" + sc.Plan.Slug
		if perTown {
			townID, name = sc.Org.ID, name+"-"+sc.Org.Slug
		}
		out := &lazySheet{c: c, format: format, kind: catalogueio.KindStates, name: name + "." + string(format)}
		err := s.services.Catalogue.States(c.Request.Context(), sc.Plan, townID, func(st domain.ImplementationState) error {
			return out.Write(catalogueio.StateRecord(st))
		})
		if err == nil {
			err = out.Close()
		}
		if err != nil {
			if out.sheet == nil {
				s.fail(c, err)
				return
			}
			s.abortFile(c, err)
		}
	}
}

// abortFile ends a download that failed after its first bytes: the client
// sees a broken transfer, never half a file that looks whole.
func (s *Server) abortFile(c *gin.Context, err error) {
	s.log.Error("export", "path", c.Request.URL.Path, "err", err)
	if !c.Writer.Written() {
		s.fail(c, err)
		return
	}
	panic(http.ErrAbortHandler)
}
