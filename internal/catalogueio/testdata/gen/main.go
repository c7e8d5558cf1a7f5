// Command gen writes the import test files the way people produce them:
// go run ./internal/catalogueio/testdata/gen (from the repository root).
// The files are committed; this program says how they were made.
package main

import (
	"archive/zip"
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

const dir = "internal/catalogueio/testdata"

func main() {
	write("excel_katalog.xlsx", excelCatalogue())
	write("excel_umlaute_windows1252.csv", windowsCSV())
	write("libreoffice_komma.csv", []byte(libreOfficeCSV))
	write("kaputt_abgeschnitten.xlsx", excelCatalogue()[:900])
	write("kaputt_anfuehrungszeichen.csv", []byte("Ebene;Kennung;Übergeordnet;Titel;Beschreibung;Art;Entfallen\r\nMaßnahme;1.1.5;1.1;\"Offenes Zitat;;kommunal;\r\n"))
	write("kaputt_bild.xlsx", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...))
	write("zip_bombe.xlsx", zipBomb())
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}

// excelCatalogue is a workbook as a KI drafts it in Excel: a merged title
// line above the header, the header's "Titel" cell merged over two columns
// (the second empty), a hidden sheet of choices, and a title computed by a
// formula whose cached value Excel stored.
func excelCatalogue() []byte {
	f := excelize.NewFile()
	s := "Maßnahmenkatalog"
	must(f.SetSheetName("Sheet1", s))
	must(f.SetCellValue(s, "A1", "Integrationskonzept Kreis Coesfeld – Entwurf Fortschreibung"))
	must(f.MergeCell(s, "A1", "H1"))
	header := []any{"Ebene", "Kennung", "Übergeordnet", "Titel", "", "Beschreibung", "Art", "Entfallen"}
	must(f.SetSheetRow(s, "A2", &header))
	must(f.MergeCell(s, "D2", "E2"))
	rows := [][]any{
		{"Handlungsfeld", "1", "", "Sprache und Bildung", "", "", "", ""},
		{"Ziel", "1.1", "1", "Frühe Sprachförderung", "", "", "", ""},
		{"Maßnahme", "1.1.1", "1.1", "Sprachcafés in allen Kommunen", "", "Treffpunkte für Gespräche\nin einfacher Sprache.", "kommunal", ""},
		{"Maßnahme", "1.1.7", "1.1", "", "", "Neu in der Fortschreibung.", "kreisweit", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		must(f.SetSheetRow(s, cell, &r))
	}
	must(f.SetCellFormula(s, "D6", `CONCATENATE("Dolmetscher","pool")`))
	_, err := f.NewSheet("Listen")
	must(err)
	must(f.SetCellValue("Listen", "A1", "kommunal"))
	must(f.SetCellValue("Listen", "A2", "kreisweit"))
	must(f.SetSheetVisible("Listen", false))
	var buf bytes.Buffer
	must(f.Write(&buf))
	// Excel stores a formula's last result beside it; excelize writes only
	// the formula, so the cached value is added as Excel would have.
	return patchZip(buf.Bytes(), "xl/worksheets/sheet1.xml", func(x string) string {
		i := strings.Index(x, `<c r="D6"`)
		j := strings.Index(x[i:], "</c>") + i
		return x[:i] + `<c r="D6" t="str"><f>CONCATENATE("Dolmetscher","pool")</f><v>Dolmetscherpool</v>` + x[j:]
	})
}

func patchZip(data []byte, name string, edit func(string) string) []byte {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(err)
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		rc, err := f.Open()
		must(err)
		b, err := io.ReadAll(rc)
		must(err)
		if f.Name == name {
			b = []byte(edit(string(b)))
		}
		fw, err := w.Create(f.Name)
		must(err)
		_, err = fw.Write(b)
		must(err)
	}
	must(w.Close())
	return out.Bytes()
}

// windowsCSV is what German Excel saves as "CSV (Trennzeichen-getrennt)":
// Windows-1252, semicolons, CRLF, a quoted cell with a line break and one
// with a semicolon and quotes inside.
func windowsCSV() []byte {
	text := "Kommune;Maßnahme;Maßnahmentitel;Relevanz;Begründung oder Beschreibung;Status;Grund für Entfallen;Fortschritt;Daueraufgabe;Verantwortlich;Beginn;Fällig am\r\n" +
		"duelmen;1.1.1;Sprachcafés;relevant;;in Umsetzung;;40;nein;\"Fachbereich Soziales; Integration\";01.02.2026;31.12.2026\r\n" +
		"duelmen;1.1.2;Dolmetscherpool;nicht relevant;\"Gibt es in Dülmen schon über den\r\n\"\"Verein für Begegnung\"\" – kein Bedarf.\";;;0;;;;\r\n"
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	must(err)
	return b
}

// libreOfficeCSV is LibreOffice's default: UTF-8 without byte order mark,
// commas, LF, quotes only where needed.
const libreOfficeCSV = "Ebene,Kennung,Übergeordnet,Titel,Beschreibung,Art,Entfallen\n" +
	"Handlungsfeld,1,,Sprache und Bildung,,,\n" +
	"Ziel,1.1,1,Frühe Sprachförderung,,,\n" +
	"Maßnahme,1.1.1,1.1,\"Sprachcafés, Lesepaten und mehr\",,kommunal,\n" +
	"Maßnahme,1.1.8,1.1,Elternbriefe in zwölf Sprachen,\"Zwei Absätze:\n\nÜbersetzt vom \"\"Dolmetscherpool\"\".\",kommunal,\n"

// zipBomb is a workbook whose sheet unpacks to 80 MB of blanks: a few
// hundred kilobytes on disk.
func zipBomb() []byte {
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"xl/workbook.xml":     `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	} {
		fw, err := w.Create(name)
		must(err)
		_, err = fw.Write([]byte(body))
		must(err)
	}
	fw, err := w.Create("xl/worksheets/sheet1.xml")
	must(err)
	_, err = fw.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`))
	must(err)
	blank := bytes.Repeat([]byte(" "), 1<<20)
	for range 80 {
		_, err = fw.Write(blank)
		must(err)
	}
	_, err = fw.Write([]byte(`</sheetData></worksheet>`))
	must(err)
	must(w.Close())
	return out.Bytes()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
