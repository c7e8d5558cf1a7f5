package catalogueio_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
)

func file(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Excel's workbook: the header is found below a merged title line, the
// hidden sheet is skipped, row numbers are Excel's, a formula gives its
// cached value, a cell's line break is kept.
func TestReadsAnExcelWorkbookWithTitleLineMergedHeaderAndHiddenSheet(t *testing.T) {
	tb, err := catalogueio.Read(file(t, "excel_katalog.xlsx"), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 4 || tb.Rows[0].Number != 3 || tb.Rows[3].Number != 6 {
		t.Fatalf("rows: %+v", tb.Rows)
	}
	if got := tb.Rows[3].Cells[catalogueio.ColTitle]; got != "Dolmetscherpool" {
		t.Errorf("formula cell: %q, want its cached value", got)
	}
	if got := tb.Rows[2].Cells[catalogueio.ColDescription]; got != "Treffpunkte für Gespräche\nin einfacher Sprache." {
		t.Errorf("description: %q", got)
	}
}

// German Excel's CSV: Windows-1252 detected, semicolons, a quoted cell
// with a line break, quotes and a semicolon inside.
func TestReadsAWindows1252CSVFromGermanExcel(t *testing.T) {
	tb, err := catalogueio.Read(file(t, "excel_umlaute_windows1252.csv"), catalogueio.KindStates, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 2 || tb.Rows[1].Number != 3 {
		t.Fatalf("rows: %+v", tb.Rows)
	}
	if got := tb.Rows[0].Cells[catalogueio.ColResponsible]; got != "Fachbereich Soziales; Integration" {
		t.Errorf("responsible: %q", got)
	}
	want := "Gibt es in Dülmen schon über den\n\"Verein für Begegnung\" – kein Bedarf."
	if got := tb.Rows[1].Cells[catalogueio.ColRelevanceNote]; got != want {
		t.Errorf("note: %q, want %q", got, want)
	}
	// Read as UTF-8 when the form says so, it is refused, not garbled.
	_, err = catalogueio.Read(file(t, "excel_umlaute_windows1252.csv"), catalogueio.KindStates, catalogueio.EncodingUTF8)
	mustRefuse(t, err, "import.err.notUTF8")
}

// LibreOffice's CSV: UTF-8 without BOM, commas.
func TestReadsALibreOfficeCommaCSV(t *testing.T) {
	tb, err := catalogueio.Read(file(t, "libreoffice_komma.csv"), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 4 || tb.Rows[2].Cells[catalogueio.ColTitle] != "Sprachcafés, Lesepaten und mehr" {
		t.Fatalf("rows: %+v", tb.Rows)
	}
	if got := tb.Rows[3].Cells[catalogueio.ColDescription]; got != "Zwei Absätze:\n\nÜbersetzt vom \"Dolmetscherpool\"." {
		t.Errorf("description: %q", got)
	}
}

// Every broken file is a refusal with a message for the user.
func TestRefusesBrokenFilesWithAMessage(t *testing.T) {
	for name, key := range map[string]string{
		"kaputt_abgeschnitten.xlsx":     "import.err.xlsx",
		"kaputt_anfuehrungszeichen.csv": "import.err.csvQuote",
		"kaputt_bild.xlsx":              "import.err.noHeader",
		"zip_bombe.xlsx":                "import.err.unpacksTooLarge",
	} {
		_, err := catalogueio.Read(file(t, name), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
		mustRefuse(t, err, key)
	}
	_, err := catalogueio.Read(nil, catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	mustRefuse(t, err, "import.err.empty")
	_, err = catalogueio.Read([]byte("Ebene;Kennung;Titel\n"), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	mustRefuse(t, err, "import.err.missingColumn")
	many := []byte("Ebene;Kennung;Übergeordnet;Titel;Beschreibung;Art;Entfallen\n")
	for range catalogueio.MaxRows + 1 {
		many = append(many, "Handlungsfeld;1;;T;;;\n"...)
	}
	_, err = catalogueio.Read(many, catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	mustRefuse(t, err, "import.err.tooManyRows")
	big := make([]byte, catalogueio.MaxFileBytes+1)
	_, err = catalogueio.Read(big, catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	mustRefuse(t, err, "import.err.tooLarge")
}

func mustRefuse(t *testing.T, err error, key string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Key != key || de.Code != domain.CodeInvalid {
		t.Errorf("want refusal %s, got %v", key, err)
	}
}
