package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/catalogueio"
)

// importTemplate sends an empty file of kind k to fill in: the header row,
// and a second sheet that explains every column, its values and whether it
// must be filled.
func (s *Server) importTemplate(k catalogueio.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		tr := s.translatorFor(c.Request)
		explain := func(f *excelize.File) error {
			sheet := tr.T("import.template.sheet")
			if _, err := f.NewSheet(sheet); err != nil {
				return err
			}
			rows := [][]any{{tr.T("import.template.intro." + string(k))}, {},
				{tr.T("import.template.col.column"), tr.T("import.template.col.meaning"), tr.T("import.template.col.values")}}
			for _, col := range catalogueio.ColumnsOf(k) {
				rows = append(rows, []any{col, tr.T("import.column." + catalogueio.ColumnKey[col]), catalogueio.Choices(col)})
			}
			for i, r := range rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				if err := f.SetSheetRow(sheet, cell, &r); err != nil {
					return err
				}
			}
			if err := f.SetColWidth(sheet, "A", "A", 28); err != nil {
				return err
			}
			return f.SetColWidth(sheet, "B", "C", 70)
		}
		widths := catalogueio.StateWidths
		if k == catalogueio.KindCatalogue {
			widths = catalogueio.CatalogueWidths
		}
		c.Header("Content-Type", contentTypes[formatXLSX])
		c.Header("Content-Disposition", "attachment; filename=vorlage-"+string(k)+".xlsx")
		out, err := catalogueio.NewXLSX(c.Writer, string(k), widths, explain)
		if err == nil {
			err = out.Write(catalogueio.ColumnsOf(k))
		}
		if err == nil {
			err = out.Close()
		}
		if err != nil {
			c.Writer.Header().Del("Content-Disposition")
			s.abortFile(c, err)
			return
		}
		c.Status(http.StatusOK)
	}
}
