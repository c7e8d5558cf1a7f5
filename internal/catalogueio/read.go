package catalogueio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/planwerk/planwerk/internal/domain"
)

// Limits of an uploaded file.
const (
	MaxFileBytes = 10 << 20
	MaxRows      = 20000
	// An XLSX is a zip: these bound what it may unpack to, so that a small
	// file cannot expand into gigabytes (a zip bomb).
	unzipSizeLimit    = 64 << 20
	unzipXMLSizeLimit = 32 << 20
	// headerSearchRows: the header may follow a title line or two, as
	// spreadsheets drafted for print have them.
	headerSearchRows = 10
)

// Encoding is how a CSV's bytes are read.
type Encoding string

// The encodings the import knows; EncodingAuto detects UTF-8 (with or
// without byte order mark) and otherwise reads Windows-1252, what German
// Excel saves as "CSV (Trennzeichen-getrennt)".
const (
	EncodingAuto    Encoding = ""
	EncodingUTF8    Encoding = "utf-8"
	EncodingWindows Encoding = "windows-1252"
)

// Row is one data row of a file: its number as the spreadsheet shows it,
// and its cells by column name.
type Row struct {
	Number int
	Cells  map[string]string
}

// Table is a file read: its data rows, the columns it lacks and those it
// has that the import does not know (ignored).
type Table struct {
	Rows    []Row
	Unknown []string
}

// refusal is a file the import cannot read, with the message that says why.
func refusal(key, message string, args ...any) error {
	return domain.Keyed(domain.CodeInvalid, "file", key, message, args...)
}

// Read reads an uploaded file of kind k: XLSX when it is a zip, else CSV in
// encoding enc. Every problem is a domain error on field "file" with a
// message for the user, never a panic.
func Read(data []byte, k Kind, enc Encoding) (Table, error) {
	if len(data) == 0 {
		return Table{}, refusal("import.err.empty", "empty file")
	}
	if len(data) > MaxFileBytes {
		return Table{}, refusal("import.err.tooLarge", "file too large", "MaxMB", MaxFileBytes>>20)
	}
	var grid [][]string
	var first int
	var err error
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		grid, first, err = readXLSX(data, k)
	} else {
		grid, err = readCSV(data, enc)
		first = 1
	}
	if err != nil {
		return Table{}, err
	}
	return tableOf(grid, first, k)
}

// readCSV decodes data and splits it into records.
func readCSV(data []byte, enc Encoding) ([][]string, error) {
	text, err := decode(data, enc)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiterOf(text)
	r.FieldsPerRecord = -1
	var grid [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return grid, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, refusal("import.err.csvQuote", "bad quoting", "Line", pe.StartLine)
		}
		if err != nil {
			return nil, refusal("import.err.unreadable", err.Error())
		}
		if len(grid) > MaxRows+headerSearchRows {
			return nil, refusal("import.err.tooManyRows", "too many rows", "Max", MaxRows)
		}
		grid = append(grid, rec)
	}
}

// decode returns data as UTF-8 text without byte order mark.
func decode(data []byte, enc Encoding) (string, error) {
	if bom := []byte("\uFEFF"); bytes.HasPrefix(data, bom) {
		data = data[len(bom):]
		if enc == EncodingAuto {
			enc = EncodingUTF8
		}
	}
	switch enc {
	case EncodingUTF8:
		if !utf8.Valid(data) {
			return "", refusal("import.err.notUTF8", "not UTF-8")
		}
		return string(data), nil
	case EncodingWindows:
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		return string(out), err
	case EncodingAuto:
		if utf8.Valid(data) {
			return string(data), nil
		}
		return decode(data, EncodingWindows)
	}
	return "", refusal("import.err.encoding", "unknown encoding")
}

// delimiterOf picks the separator of the first line: semicolon (German
// Excel), comma (LibreOffice, English Excel) or tab, whichever occurs most
// outside quotes.
func delimiterOf(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			return bestDelimiter(counts)
		case r == ';' || r == ',' || r == '\t':
			counts[r]++
		}
	}
	return bestDelimiter(counts)
}

func bestDelimiter(counts map[rune]int) rune {
	best := ';'
	for _, r := range []rune{',', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// normal is a header cell as compared: trimmed, lower case, single spaces,
// without the asterisk some mark required columns with.
func normal(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "*"))
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// headerRow finds the header among the first rows: the first that names
// the kind's key column (Kennung, Maßnahme).
func headerRow(grid [][]string, k Kind) int {
	key := normal(ColCode)
	if k == KindStates {
		key = normal(ColMeasure)
	}
	for i := 0; i < len(grid) && i < headerSearchRows; i++ {
		for _, c := range grid[i] {
			if normal(c) == key {
				return i
			}
		}
	}
	return -1
}

// tableOf maps the grid's rows to columns by its header; first is the
// spreadsheet's number of the grid's first row.
func tableOf(grid [][]string, first int, k Kind) (Table, error) {
	h := headerRow(grid, k)
	if h < 0 {
		return Table{}, refusal("import.err.noHeader", "no header row", "Columns", strings.Join(ColumnsOf(k), ", "))
	}
	known := map[string]string{}
	for _, c := range ColumnsOf(k) {
		known[normal(c)] = c
	}
	var t Table
	cols := make([]string, len(grid[h]))
	seen := map[string]bool{}
	for i, c := range grid[h] {
		if name, ok := known[normal(c)]; ok && !seen[name] {
			cols[i], seen[name] = name, true
		} else if strings.TrimSpace(c) != "" {
			t.Unknown = append(t.Unknown, strings.TrimSpace(c))
		}
	}
	for _, c := range ColumnsOf(k) {
		if !seen[c] && c != ColMeasureTitle {
			return Table{}, refusal("import.err.missingColumn", "column missing", "Column", c)
		}
	}
	for i := h + 1; i < len(grid); i++ {
		row := Row{Number: first + i, Cells: map[string]string{}}
		empty := true
		for j, v := range grid[i] {
			if j < len(cols) && cols[j] != "" {
				v = Unsafe(strings.TrimSpace(v))
				row.Cells[cols[j]] = v
				empty = empty && v == ""
			}
		}
		if !empty {
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) > MaxRows {
		return Table{}, refusal("import.err.tooManyRows", "too many rows", "Max", MaxRows)
	}
	return t, nil
}
