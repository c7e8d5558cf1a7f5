package catalogueio

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Target is an implementation of the town a states file may update.
type Target struct {
	domain.Implementation
	Retired bool // its measure left the catalogue
}

// columnOfStateField names the file's column of a field the domain refuses.
var columnOfStateField = map[string]string{
	domain.FieldRelevance: ColRelevance, domain.FieldRelevanceNote: ColRelevanceNote, domain.FieldStatus: ColStatus,
	domain.FieldStatusNote: ColStatusNote, domain.FieldProgress: ColProgress, domain.FieldResponsibleOrg: ColResponsible,
	domain.FieldStartOn: ColStart, domain.FieldDueOn: ColDue, domain.FieldDueReason: ColDue,
}

// PlanStates compares a states file with town's implementations (by
// measure code): every row is updated, unchanged or refused. A row naming
// another town is refused whoever imports: one import is one town's.
func PlanStates(t Table, town domain.Organisation, targets map[string]Target, now time.Time) domain.ImportPlan {
	p := domain.ImportPlan{Unknown: t.Unknown, Rows: make([]domain.ImportRow, len(t.Rows))}
	seen := map[string]int{}
	for i, r := range t.Rows {
		out := &p.Rows[i]
		code := r.Cells[ColMeasure]
		*out = domain.ImportRow{Number: r.Number, Label: code}
		name := strings.TrimSpace(r.Cells[ColTown])
		target, known := targets[code]
		switch {
		case !strings.EqualFold(name, town.Slug) && !strings.EqualFold(name, town.Name):
			refuse(out, ColTown, "import.err.otherTown", "Value", name, "Town", town.Name)
			continue
		case code == "":
			refuse(out, ColMeasure, "import.err.measureMissing")
			continue
		case !known:
			refuse(out, ColMeasure, "import.err.measureUnknown", "Code", code, "Town", town.Name)
			continue
		case target.Retired:
			refuse(out, ColMeasure, "import.err.measureRetired", "Code", code)
			continue
		}
		if first, dup := seen[code]; dup {
			refuse(out, ColMeasure, "import.err.duplicate", "Code", code, "Row", first)
			continue
		}
		seen[code] = r.Number
		upd, ok := readStateRow(r, out)
		if !ok {
			continue
		}
		next, err := upd.Apply(target.Implementation, now)
		if err != nil {
			refuseAt(out, err)
			continue
		}
		changes := domain.DiffImplementations(target.Implementation, next)
		out.Action = domain.ImportUnchanged
		if len(changes) > 0 {
			out.Action = domain.ImportUpdate
			out.Changes = changedColumns(changes)
			p.States = append(p.States, domain.StateOp{Row: r.Number, ImplID: target.ID, Version: target.Version, Update: upd})
		}
	}
	for _, r := range p.Rows {
		if r.Action == domain.ImportRefuse {
			p.Refused++
		}
	}
	p.Writes = len(p.States)
	return p
}

// refuseAt refuses a row with the domain's first field error.
func refuseAt(out *domain.ImportRow, err error) {
	var de *domain.Error
	if !errors.As(err, &de) {
		refuse(out, "", "import.err.row")
		return
	}
	if de.Field == domain.FieldDueReason {
		refuse(out, ColDue, "import.err.postponed")
		return
	}
	refuse(out, columnOfStateField[de.Field], de.Key, de.Args...)
}

func changedColumns(changes map[string]domain.Change) []string {
	var cols []string
	for _, c := range StateColumns {
		for field, col := range columnOfStateField {
			if col == c && field != domain.FieldDueReason {
				if _, ok := changes[field]; ok {
					cols = append(cols, c)
					break
				}
			}
		}
	}
	return cols
}

// readStateRow reads a row into the update it asks for: the file holds the
// whole state, so every column it has is set (contact data never comes
// from a file).
func readStateRow(r Row, out *domain.ImportRow) (domain.ImplementationUpdate, bool) {
	var u domain.ImplementationUpdate
	rel, ok := lookup(relevanceNames, r.Cells[ColRelevance])
	if !ok {
		refuse(out, ColRelevance, "import.err.relevance", "Value", r.Cells[ColRelevance])
		return u, false
	}
	u.Relevance = &rel
	note, statusNote, responsible := r.Cells[ColRelevanceNote], r.Cells[ColStatusNote], r.Cells[ColResponsible]
	u.RelevanceNote, u.StatusNote, u.ResponsibleOrg = &note, &statusNote, &responsible
	if s := r.Cells[ColStatus]; s != "" {
		status, ok := lookup(statusNames, s)
		if !ok {
			refuse(out, ColStatus, "import.err.status", "Value", s)
			return u, false
		}
		u.Status = &status
	}
	progress, ok := parseProgress(r.Cells[ColProgress])
	if !ok {
		refuse(out, ColProgress, "import.err.progress", "Value", r.Cells[ColProgress])
		return u, false
	}
	if rel == domain.RelevanceRelevant {
		u.Progress = &progress
	}
	continuous := false
	switch strings.ToLower(strings.TrimSpace(r.Cells[ColContinuous])) {
	case "", "nein", "no", "false", "0":
	case yes, "x", "yes", "true", "1":
		continuous = true
	default:
		refuse(out, ColContinuous, "import.err.yesNo", "Value", r.Cells[ColContinuous])
		return u, false
	}
	u.Continuous = &continuous
	for _, d := range []struct {
		col string
		dst **domain.DateChange
	}{{ColStart, &u.StartOn}, {ColDue, &u.DueOn}} {
		on, ok := parseDate(r.Cells[d.col])
		if !ok {
			refuse(out, d.col, "import.err.date", "Value", r.Cells[d.col])
			return u, false
		}
		*d.dst = &domain.DateChange{On: on}
	}
	return u, true
}

// parseProgress reads 0–100, with or without a percent sign; empty is 0.
func parseProgress(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 100
}

// dateLayouts are the ways a date arrives: German and ISO as typed, and
// Excel's built-in short date (number format 14), which excelize shows as
// month-day-year.
var dateLayouts = []string{"02.01.2006", "2.1.2006", "2006-01-02", "01-02-06", "1/2/06", "02.01.06"}

func parseDate(s string) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, l := range dateLayouts {
		if d, err := time.Parse(l, s); err == nil {
			return &d, true
		}
	}
	return nil, false
}
