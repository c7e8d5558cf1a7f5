package catalogueio

import (
	"errors"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

type itemKey struct {
	level domain.CatalogueLevel
	code  string
}

// current is an item of the plan as the import compares with it.
type current struct {
	domain.CatalogueEntry
	parent string // the parent's code
}

// Existing is the plan's catalogue as the import compares a file with it.
type Existing struct {
	items map[itemKey]current
	order []itemKey // catalogue order, for the list of missing items
	local map[string]bool
}

// ExistingOf indexes the editor's tree and the codes of the towns' local
// measures (which a catalogue file may not take over).
func ExistingOf(tree []domain.CatalogueEntry, localCodes []string) Existing {
	ex := Existing{items: map[itemKey]current{}, local: map[string]bool{}}
	var walk func(parent string, entries []domain.CatalogueEntry)
	walk = func(parent string, entries []domain.CatalogueEntry) {
		for _, e := range entries {
			k := itemKey{e.Level, e.Code}
			ex.items[k] = current{CatalogueEntry: e, parent: parent}
			ex.order = append(ex.order, k)
			walk(e.Code, e.Children)
		}
	}
	walk("", tree)
	for _, c := range localCodes {
		ex.local[c] = true
	}
	return ex
}

// candidate is a row read and checked on its own.
type candidate struct {
	row     int
	item    domain.CatalogueItem
	parent  string
	retired bool
	out     *domain.ImportRow
}

var levels = []domain.CatalogueLevel{domain.LevelField, domain.LevelGoal, domain.LevelMeasure}

func parentLevel(l domain.CatalogueLevel) domain.CatalogueLevel {
	if l == domain.LevelMeasure {
		return domain.LevelGoal
	}
	return domain.LevelField
}

// PlanCatalogue compares a catalogue file with the plan: every row becomes
// created, updated, unchanged or refused (with its column and message); the
// plan's current items the file does not name are listed as missing and,
// when retireMissing, retired.
func PlanCatalogue(t Table, ex Existing, retireMissing bool) domain.ImportPlan {
	p := domain.ImportPlan{Unknown: t.Unknown, Rows: make([]domain.ImportRow, len(t.Rows))}
	cands := make([]*candidate, 0, len(t.Rows))
	seen := map[itemKey]int{}
	for i, r := range t.Rows {
		p.Rows[i] = domain.ImportRow{Number: r.Number, Label: r.Cells[ColCode]}
		c, ok := readCatalogueRow(r, &p.Rows[i])
		if !ok {
			continue
		}
		k := itemKey{c.item.Level, c.item.Code}
		if first, dup := seen[k]; dup {
			refuse(&p.Rows[i], ColCode, "import.err.duplicate", "Code", c.item.Code, "Row", first)
			continue
		}
		seen[k] = r.Number
		if c.item.Level == domain.LevelMeasure && ex.local[c.item.Code] {
			refuse(&p.Rows[i], ColCode, "import.err.localCode", "Code", c.item.Code)
			continue
		}
		c.out = &p.Rows[i]
		cands = append(cands, c)
	}
	p.Missing = missingOf(ex, seen)
	final := finalState(ex, cands, p.Missing, retireMissing)
	for _, c := range cands {
		compare(c, ex, final)
	}
	p.Catalogue = catalogueOps(cands, ex, p.Missing, retireMissing)
	for _, r := range p.Rows {
		if r.Action == domain.ImportRefuse {
			p.Refused++
		}
	}
	p.Writes = len(p.Catalogue)
	return p
}

func refuse(r *domain.ImportRow, column, key string, args ...any) {
	r.Action, r.Column, r.Key, r.Args = domain.ImportRefuse, column, key, args
}

// columnOfField names the file's column of a field the domain refuses.
var columnOfField = map[string]string{"code": ColCode, "title": ColTitle, "description": ColDescription,
	"scope": ColScope, "parent_id": ColParent}

// readCatalogueRow reads one row and checks it on its own.
func readCatalogueRow(r Row, out *domain.ImportRow) (*candidate, bool) {
	level, ok := lookup(levelNames, r.Cells[ColLevel])
	if !ok {
		refuse(out, ColLevel, "import.err.level", "Value", r.Cells[ColLevel])
		return nil, false
	}
	c := &candidate{row: r.Number, parent: r.Cells[ColParent]}
	c.item = domain.CatalogueItem{Level: level, ParentID: 1, Code: r.Cells[ColCode], Title: r.Cells[ColTitle],
		Description: r.Cells[ColDescription]}
	if level == domain.LevelMeasure {
		scope, ok := lookup(scopeNames, r.Cells[ColScope])
		if !ok && r.Cells[ColScope] != "" {
			refuse(out, ColScope, "import.err.scope", "Value", r.Cells[ColScope])
			return nil, false
		}
		c.item.Scope = scope
	}
	if level != domain.LevelField && strings.TrimSpace(c.parent) == "" {
		refuse(out, ColParent, "import.err.parentMissing")
		return nil, false
	}
	item, err := c.item.Check()
	var de *domain.Error
	if errors.As(err, &de) { // the first problem; the user sees the next after fixing it
		refuse(out, columnOfField[de.Field], de.Key, de.Args...)
		return nil, false
	}
	c.item, c.item.ParentID = item, 0
	switch strings.ToLower(strings.TrimSpace(r.Cells[ColRetired])) {
	case "", "nein", "no", "false", "0":
	case yes, "x", "yes", "true", "1":
		c.retired = true
	default:
		refuse(out, ColRetired, "import.err.retired", "Value", r.Cells[ColRetired])
		return nil, false
	}
	c.parent = strings.TrimSpace(c.parent)
	if level == domain.LevelField {
		c.parent = ""
	}
	return c, true
}

// missingOf lists the plan's current items the file does not name.
func missingOf(ex Existing, seen map[itemKey]int) []domain.ImportMissing {
	var out []domain.ImportMissing
	for _, k := range ex.order {
		if e := ex.items[k]; !e.Retired() {
			if _, named := seen[k]; !named {
				out = append(out, domain.ImportMissing{Level: k.level, Code: k.code, Title: e.Title})
			}
		}
	}
	return out
}

// finalState tells for every code whether it will exist and be current
// once the import is applied: what parents a row may name.
func finalState(ex Existing, cands []*candidate, missing []domain.ImportMissing, retireMissing bool) map[itemKey]bool {
	final := map[itemKey]bool{}
	for k, e := range ex.items {
		final[k] = !e.Retired()
	}
	if retireMissing {
		for _, m := range missing {
			final[itemKey{m.Level, m.Code}] = false
		}
	}
	for _, c := range cands {
		final[itemKey{c.item.Level, c.item.Code}] = !c.retired
	}
	return final
}

// compare decides a checked row's outcome against the plan.
func compare(c *candidate, ex Existing, final map[itemKey]bool) {
	if c.item.Level != domain.LevelField {
		pk := itemKey{parentLevel(c.item.Level), c.parent}
		current, exists := final[pk]
		switch {
		case !exists:
			refuse(c.out, ColParent, "import.err.parentUnknown", "Code", c.parent)
			return
		case !current && !c.retired:
			refuse(c.out, ColParent, "import.err.parentRetired", "Code", c.parent)
			return
		}
	}
	old, exists := ex.items[itemKey{c.item.Level, c.item.Code}]
	if !exists {
		c.out.Action = domain.ImportCreate
		return
	}
	if c.item.Level == domain.LevelMeasure && c.item.Scope != old.Scope {
		refuse(c.out, ColScope, "catalogue.err.scopeFixed")
		return
	}
	c.item.ID = old.ID
	for _, ch := range []struct {
		col  string
		diff bool
	}{{ColTitle, old.Title != c.item.Title}, {ColDescription, old.Description != c.item.Description},
		{ColParent, old.parent != c.parent}, {ColRetired, old.Retired() != c.retired}} {
		if ch.diff {
			c.out.Changes = append(c.out.Changes, ch.col)
		}
	}
	c.out.Action = domain.ImportUnchanged
	if len(c.out.Changes) > 0 {
		c.out.Action = domain.ImportUpdate
	}
}
