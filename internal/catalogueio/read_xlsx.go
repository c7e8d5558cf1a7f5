package catalogueio

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first visible sheet that has the kind's header (a
// workbook may carry hidden helper sheets or an explanation sheet). Cells
// are read as Excel shows them; a formula gives its cached value and is
// never evaluated. It returns the rows and the number of the first.
func readXLSX(data []byte, k Kind) ([][]string, int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") { // excelize has no sentinel for its limit
			return nil, 0, refusal("import.err.unpacksTooLarge", err.Error())
		}
		return nil, 0, refusal("import.err.xlsx", err.Error())
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(sheet); err != nil || !visible {
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, 0, refusal("import.err.xlsx", err.Error())
		}
		grid, err := collect(rows)
		if err != nil {
			return nil, 0, err
		}
		if headerRow(grid, k) >= 0 {
			return grid, 1, nil
		}
	}
	return nil, 0, refusal("import.err.noSheet", "no sheet with the header")
}

// collect reads a sheet's rows up to the row limit, keeping empty rows so
// that row numbers stay those Excel shows.
func collect(rows *excelize.Rows) ([][]string, error) {
	defer rows.Close()
	var grid [][]string
	for rows.Next() {
		if len(grid) > MaxRows+headerSearchRows {
			return nil, refusal("import.err.tooManyRows", "too many rows", "Max", MaxRows)
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, refusal("import.err.xlsx", err.Error())
		}
		grid = append(grid, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, refusal("import.err.xlsx", err.Error())
	}
	return grid, nil
}
