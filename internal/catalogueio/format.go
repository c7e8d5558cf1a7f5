// Package catalogueio is the file format of a plan's catalogue and of its
// implementations' states: the columns, the values and how they are written
// (CSV and XLSX) and read back. Export and import share these definitions,
// so that a file exported, edited in Excel and imported again changes
// nothing that was not edited.
//
// The column names and values are German whatever the language of the
// person exporting: they are the file's format, like the keys of a JSON
// document, so that a file travels between colleagues; the import also
// accepts the internal names (municipal, not_relevant …).
package catalogueio

import (
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// Kind is which of the two files a table is.
type Kind string

// The two files.
const (
	KindCatalogue Kind = "katalog"
	KindStates    Kind = "umsetzungen"
)

// The columns of the catalogue file, in their order.
const (
	ColLevel       = "Ebene"
	ColCode        = "Kennung"
	ColParent      = "Übergeordnet"
	ColTitle       = "Titel"
	ColDescription = "Beschreibung"
	ColScope       = "Art"
	ColRetired     = "Entfallen"
)

// CatalogueColumns are the catalogue file's columns.
var CatalogueColumns = []string{ColLevel, ColCode, ColParent, ColTitle, ColDescription, ColScope, ColRetired}

// The columns of the implementation states file, in their order.
const (
	ColTown          = "Kommune"
	ColMeasure       = "Maßnahme"
	ColMeasureTitle  = "Maßnahmentitel"
	ColRelevance     = "Relevanz"
	ColRelevanceNote = "Begründung oder Beschreibung"
	ColStatus        = "Status"
	ColStatusNote    = "Grund für Entfallen"
	ColProgress      = "Fortschritt"
	ColContinuous    = "Daueraufgabe"
	ColResponsible   = "Verantwortlich"
	ColStart         = "Beginn"
	ColDue           = "Fällig am"
)

// StateColumns are the implementation states file's columns. The measure's
// title is there for the reader; the import checks nothing but its length.
var StateColumns = []string{ColTown, ColMeasure, ColMeasureTitle, ColRelevance, ColRelevanceNote, ColStatus,
	ColStatusNote, ColProgress, ColContinuous, ColResponsible, ColStart, ColDue}

// ColumnsOf returns the columns of file kind k.
func ColumnsOf(k Kind) []string {
	if k == KindCatalogue {
		return CatalogueColumns
	}
	return StateColumns
}

var levelNames = map[domain.CatalogueLevel]string{
	domain.LevelField: "Handlungsfeld", domain.LevelGoal: "Ziel", domain.LevelMeasure: "Maßnahme",
}

var scopeNames = map[domain.Scope]string{
	domain.ScopeMunicipal: "kommunal", domain.ScopeCounty: "kreisweit", domain.ScopeLocal: "lokal",
}

var relevanceNames = map[domain.Relevance]string{
	domain.RelevanceOpen: "offen", domain.RelevanceRelevant: "relevant",
	domain.RelevanceNotRelevant: "nicht relevant", domain.RelevanceAlreadyInPlace: "bereits umgesetzt",
}

var statusNames = map[domain.Status]string{
	domain.StatusPlanned: "geplant", domain.StatusInProgress: "in Umsetzung", domain.StatusCompleted: "umgesetzt",
	domain.StatusOnHold: "zurückgestellt", domain.StatusCancelled: "entfallen",
}

const yes = "ja"

// lookup finds the value named s (German name or internal name, any case).
func lookup[T ~string](names map[T]string, s string) (T, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for v, name := range names {
		if s == strings.ToLower(name) || s == string(v) {
			return v, true
		}
	}
	return "", false
}

// choices lists the German names of names, for the explanation sheet.
func choices[T ~string](names map[T]string, order []T) string {
	out := make([]string, len(order))
	for i, v := range order {
		out[i] = names[v]
	}
	return strings.Join(out, ", ")
}

// Safe keeps a spreadsheet from reading a text as a formula: a leading
// = + - @ (or tab, carriage return) gets an apostrophe, the convention Excel
// and LibreOffice show as text. Unsafe undoes it on import.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Unsafe removes the apostrophe Safe added.
func Unsafe(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// ColumnKey names a column in message ids (import.column.<key>): the
// explanation sheet's texts are in web/locales.
var ColumnKey = map[string]string{
	ColLevel: "level", ColCode: "code", ColParent: "parent", ColTitle: "title", ColDescription: "description",
	ColScope: "scope", ColRetired: "retired", ColTown: "town", ColMeasure: "measure", ColMeasureTitle: "measureTitle",
	ColRelevance: "relevance", ColRelevanceNote: "relevanceNote", ColStatus: "status", ColStatusNote: "statusNote",
	ColProgress: "progress", ColContinuous: "continuous", ColResponsible: "responsible", ColStart: "start", ColDue: "due",
}

// Choices lists the values a column accepts ("" for free text).
func Choices(col string) string {
	switch col {
	case ColLevel:
		return choices(levelNames, levels)
	case ColScope:
		return choices(scopeNames, []domain.Scope{domain.ScopeMunicipal, domain.ScopeCounty})
	case ColRelevance:
		return choices(relevanceNames, domain.Relevances)
	case ColStatus:
		return choices(statusNames, domain.Statuses)
	case ColRetired, ColContinuous:
		return "ja, nein"
	}
	return ""
}
