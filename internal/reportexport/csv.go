package reportexport

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// CSV writes every row of the report with the columns of the XLSX data
// sheet, as Excel in Germany opens it: semicolons, UTF-8 with a byte order
// mark, dates as DD.MM.YYYY, CRLF line ends.
func CSV(fr domain.FrozenReport, t Texts) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	if err := w.Write(header(t)); err != nil {
		return nil, err
	}
	line := make([]string, len(columns))
	for _, r := range fr.Rows {
		for i, c := range columns {
			switch v := c.value(t, r).(type) {
			case string:
				line[i] = Safe(v)
			case int:
				line[i] = strconv.Itoa(v)
			case *time.Time:
				line[i] = germanDate(v)
			}
		}
		if err := w.Write(line); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
