package catalogueio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
)

// tree is a plan's catalogue: field 1, goal 1.1, the municipal 1.1.1 and
// the county-wide 1.1.2.
func tree() []domain.CatalogueEntry {
	return []domain.CatalogueEntry{{Level: domain.LevelField, ID: 1, Code: "1", Title: "Sprache und Bildung",
		Children: []domain.CatalogueEntry{{Level: domain.LevelGoal, ID: 2, Code: "1.1", Title: "Frühe Sprachförderung",
			Children: []domain.CatalogueEntry{
				{Level: domain.LevelMeasure, ID: 3, Code: "1.1.1", Title: "Sprachcafés in allen Kommunen", Scope: domain.ScopeMunicipal},
				{Level: domain.LevelMeasure, ID: 4, Code: "1.1.2", Title: "Dolmetscherpool", Scope: domain.ScopeCounty},
			}}}}}
}

func TestPlansTheExcelCatalogueAgainstThePlan(t *testing.T) {
	tb, err := catalogueio.Read(file(t, "excel_katalog.xlsx"), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	ex := catalogueio.ExistingOf(tree(), []string{"1.1.L-duelmen-1"})
	p := catalogueio.PlanCatalogue(tb, ex, false)
	want := []domain.ImportAction{domain.ImportUnchanged, domain.ImportUnchanged, domain.ImportUpdate, domain.ImportCreate}
	for i, r := range p.Rows {
		if r.Action != want[i] {
			t.Errorf("row %d: %s (%s %s), want %s", r.Number, r.Action, r.Column, r.Key, want[i])
		}
	}
	if len(p.Rows[2].Changes) != 1 || p.Rows[2].Changes[0] != catalogueio.ColDescription {
		t.Errorf("changes of 1.1.1: %v", p.Rows[2].Changes)
	}
	if len(p.Missing) != 1 || p.Missing[0].Code != "1.1.2" || len(p.Catalogue) != 2 {
		t.Fatalf("missing %+v, ops %+v", p.Missing, p.Catalogue)
	}
	p = catalogueio.PlanCatalogue(tb, ex, true)
	last := p.Catalogue[len(p.Catalogue)-1]
	if len(p.Catalogue) != 3 || last.Retire == nil || !*last.Retire || last.Item.ID != 4 {
		t.Errorf("retiring the missing: %+v", p.Catalogue)
	}
}

// Each kind of refusal names its row and column.
func TestCatalogueRowRefusalsNameRowAndColumn(t *testing.T) {
	csv := "Ebene;Kennung;Übergeordnet;Titel;Beschreibung;Art;Entfallen\n" +
		"Kapitel;9;;X;;;\n" + // 2: unknown level
		"Maßnahme;1.1.9 neu;1.1;X;;kommunal;\n" + // 3: bad code
		"Maßnahme;1.1.9;1.1;;;kommunal;\n" + // 4: no title
		"Maßnahme;1.1.10;1.1;X;;irgendwie;\n" + // 5: bad kind
		"Maßnahme;1.1.11;7.7;X;;kommunal;\n" + // 6: unknown parent
		"Maßnahme;1.1.12;;X;;kommunal;\n" + // 7: no parent
		"Maßnahme;1.1.2;1.1;Dolmetscherpool;;kommunal;\n" + // 8: kind of an existing measure
		"Maßnahme;1.1.13;1.1;X;;kommunal;vielleicht\n" + // 9: retired neither yes nor no
		"Maßnahme;1.1.14;1.1;X;;kommunal;\n" + // 10: fine
		"Maßnahme;1.1.14;1.1;Y;;kommunal;\n" + // 11: duplicate
		"Maßnahme;1.1.L-duelmen-1;1.1;X;;kommunal;\n" // 12: a town's own code
	tb, err := catalogueio.Read([]byte(csv), catalogueio.KindCatalogue, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	p := catalogueio.PlanCatalogue(tb, catalogueio.ExistingOf(tree(), []string{"1.1.L-duelmen-1"}), false)
	want := map[int][2]string{
		2: {catalogueio.ColLevel, "import.err.level"}, 3: {catalogueio.ColCode, "catalogue.err.codeFormat.measure"},
		4: {catalogueio.ColTitle, "catalogue.err.titleMissing"}, 5: {catalogueio.ColScope, "import.err.scope"},
		6: {catalogueio.ColParent, "import.err.parentUnknown"}, 7: {catalogueio.ColParent, "import.err.parentMissing"},
		8: {catalogueio.ColScope, "catalogue.err.scopeFixed"}, 9: {catalogueio.ColRetired, "import.err.retired"},
		11: {catalogueio.ColCode, "import.err.duplicate"}, 12: {catalogueio.ColCode, "import.err.localCode"},
	}
	for _, r := range p.Rows {
		w, refused := want[r.Number]
		switch {
		case refused && (r.Action != domain.ImportRefuse || r.Column != w[0] || r.Key != w[1]):
			t.Errorf("row %d: %s %s %s, want refused at %s with %s", r.Number, r.Action, r.Column, r.Key, w[0], w[1])
		case !refused && r.Action != domain.ImportCreate:
			t.Errorf("row %d: %s %s", r.Number, r.Action, r.Key)
		}
	}
	if p.Refused != len(want) {
		t.Errorf("%d refused, want %d", p.Refused, len(want))
	}
}

// A states file is one town's: a row of another town is refused whoever
// imports it; the rest go through the workflow rules.
func TestStateRowsOfAnotherTownAreRefused(t *testing.T) {
	tb, err := catalogueio.Read(file(t, "excel_umlaute_windows1252.csv"), catalogueio.KindStates, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]catalogueio.Target{
		"1.1.1": {Implementation: domain.Implementation{ID: 10, Version: 1, Relevance: domain.RelevanceOpen}},
		"1.1.2": {Implementation: domain.Implementation{ID: 11, Version: 1, Relevance: domain.RelevanceOpen}},
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	duelmen := domain.Organisation{ID: 5, Slug: "duelmen", Name: "Dülmen", Kind: domain.OrgMunicipality}
	p := catalogueio.PlanStates(tb, duelmen, targets, now)
	if p.Refused != 0 || len(p.States) != 2 {
		t.Fatalf("Dülmen's own file: %+v", p.Rows)
	}
	olfen := domain.Organisation{ID: 6, Slug: "olfen", Name: "Olfen", Kind: domain.OrgMunicipality}
	p = catalogueio.PlanStates(tb, olfen, targets, now)
	if p.Refused != 2 || p.Rows[0].Column != catalogueio.ColTown || p.Rows[0].Key != "import.err.otherTown" || len(p.States) != 0 {
		t.Errorf("Dülmen's file imported into Olfen: %+v", p.Rows)
	}
	bad := "Kommune;Maßnahme;Relevanz;Begründung oder Beschreibung;Status;Grund für Entfallen;Fortschritt;Daueraufgabe;Verantwortlich;Beginn;Fällig am\n" +
		"duelmen;1.1.1;relevant;;in Umsetzung;;150;;;;\n" + // progress beyond 100 %
		"duelmen;1.1.2;nicht relevant;;;;;;;;\n" + // no reason
		"duelmen;9.9.9;offen;;;;;;;;\n" + // no such measure
		"duelmen;1.1.1;offen;;;;;;;;\n" // duplicate
	tb, err = catalogueio.Read([]byte(bad), catalogueio.KindStates, catalogueio.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	p = catalogueio.PlanStates(tb, duelmen, targets, now)
	var got []string
	for _, r := range p.Rows {
		got = append(got, r.Column)
	}
	if want := "Fortschritt Begründung oder Beschreibung Maßnahme Maßnahme"; strings.Join(got, " ") != want {
		t.Errorf("columns refused: %q, want %q (%+v)", strings.Join(got, " "), want, p.Rows)
	}
}
