package domain

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// CatalogueLevel is one of the three levels of a plan's catalogue.
type CatalogueLevel string

// The levels of the catalogue, as addresses and the audit log name them.
const (
	LevelField   CatalogueLevel = "action_field"
	LevelGoal    CatalogueLevel = "goal"
	LevelMeasure CatalogueLevel = "measure"
)

// Valid reports whether l is one of the three levels.
func (l CatalogueLevel) Valid() bool {
	return l == LevelField || l == LevelGoal || l == LevelMeasure
}

// The codes each level accepts: the same patterns as the CHECK constraints
// of migration 0001, with a length the forms and files can show.
var catalogueCodes = map[CatalogueLevel]*regexp.Regexp{
	LevelField:   regexp.MustCompile(`^[0-9A-Za-z]+$`),
	LevelGoal:    regexp.MustCompile(`^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$`),
	LevelMeasure: regexp.MustCompile(`^[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*$`),
}

// codeFormatKeys explain each level's form of code.
var codeFormatKeys = map[CatalogueLevel]string{
	LevelField:   "catalogue.err.codeFormat.action_field",
	LevelGoal:    "catalogue.err.codeFormat.goal",
	LevelMeasure: "catalogue.err.codeFormat.measure",
}

// Limits of a catalogue item's texts, those of the columns.
const (
	maxCodeLen = 40
)

var maxTitleLen = map[CatalogueLevel]int{LevelField: 300, LevelGoal: 500, LevelMeasure: 500}
var maxDescriptionLen = map[CatalogueLevel]int{LevelField: 5000, LevelGoal: 5000, LevelMeasure: 10000}

// CatalogueItem is an action field, goal or measure as the editor writes it.
// ID 0 is a new item. ParentID is the action field of a goal or the goal of
// a measure. Scope is a measure's kind: county-wide or municipal (local
// measures stay with the town that added them and are not edited here).
type CatalogueItem struct {
	Level       CatalogueLevel
	ID          int64
	ParentID    int64
	Code        string
	Title       string
	Description string
	Scope       Scope
}

// Check trims the item's texts and validates them, naming the field of
// every problem at once (joined). Descriptions are plain text (see
// docs/architecture.md).
func (it CatalogueItem) Check() (CatalogueItem, error) {
	it.Code = strings.TrimSpace(it.Code)
	it.Title = strings.TrimSpace(it.Title)
	it.Description = strings.TrimSpace(strings.ReplaceAll(it.Description, "\r\n", "\n"))
	if !it.Level.Valid() {
		return it, Keyed(CodeNotFound, "", "error.msg.notFound", "no such catalogue level")
	}
	var errs []error
	if it.Level != LevelField && it.ParentID <= 0 {
		errs = append(errs, Keyed(CodeInvalid, "parent_id", "catalogue.err.parent", "parent missing"))
	}
	if err := CheckCatalogueCode(it.Level, it.Code); err != nil {
		errs = append(errs, err)
	}
	switch {
	case it.Title == "":
		errs = append(errs, Keyed(CodeInvalid, "title", "catalogue.err.titleMissing", "title missing"))
	case utf8.RuneCountInString(it.Title) > maxTitleLen[it.Level]:
		errs = append(errs, Keyed(CodeInvalid, "title", "catalogue.err.titleTooLong", "title too long", "Max", maxTitleLen[it.Level]))
	}
	if utf8.RuneCountInString(it.Description) > maxDescriptionLen[it.Level] {
		errs = append(errs, Keyed(CodeInvalid, "description", "catalogue.err.descriptionTooLong", "description too long",
			"Max", maxDescriptionLen[it.Level]))
	}
	if it.Level == LevelMeasure && it.Scope != ScopeCounty && it.Scope != ScopeMunicipal {
		errs = append(errs, Keyed(CodeInvalid, "scope", "catalogue.err.scope", "scope must be county or municipal"))
	}
	if it.Level != LevelMeasure {
		it.Scope = ""
	}
	return it, errors.Join(errs...)
}

// CheckCatalogueCode validates a code of level l on field "code".
func CheckCatalogueCode(l CatalogueLevel, code string) error {
	if code == "" {
		return Keyed(CodeInvalid, "code", "catalogue.err.codeMissing", "code missing")
	}
	if len(code) > maxCodeLen || !catalogueCodes[l].MatchString(code) {
		return Keyed(CodeInvalid, "code", codeFormatKeys[l], "code has the wrong form")
	}
	return nil
}

// CodeTaken is the refusal of a code another item of the plan holds.
func CodeTaken(code string) error {
	return Keyed(CodeInvalid, "code", "catalogue.err.codeTaken", "code used in the plan", "Code", code)
}

// Direction is where the editor moves an item among its siblings.
type Direction int

// Up and Down move an item one place.
const (
	Up   Direction = -1
	Down Direction = 1
)

// CatalogueEntry is one item of the editor's tree, retired ones included.
type CatalogueEntry struct {
	Level       CatalogueLevel
	ID          int64
	ParentID    int64
	Code        string
	Title       string
	Description string
	Scope       Scope
	RetiredAt   *time.Time
	// Implementations is the number of a measure's implementations.
	Implementations int
	Children        []CatalogueEntry
}

// Retired reports whether the entry left the catalogue.
func (e CatalogueEntry) Retired() bool { return e.RetiredAt != nil }

// CatalogueEvent is one change of a plan's catalogue, for its history page.
type CatalogueEvent struct {
	AuditEvent
	Code string `db:"code"`
}

// ImplementationState is what the states file holds of an implementation:
// its town, measure and the fields a first survey brings in.
type ImplementationState struct {
	OrgSlug        string     `db:"org_slug"`
	MeasureCode    string     `db:"measure_code"`
	MeasureTitle   string     `db:"measure_title"`
	Relevance      Relevance  `db:"relevance"`
	RelevanceNote  string     `db:"relevance_note"`
	Status         Status     `db:"status"`
	StatusNote     string     `db:"status_note"`
	Progress       int        `db:"progress"`
	Continuous     bool       `db:"continuous"`
	ResponsibleOrg string     `db:"responsible_org"`
	StartOn        *time.Time `db:"start_on"`
	DueOn          *time.Time `db:"due_on"`
}
