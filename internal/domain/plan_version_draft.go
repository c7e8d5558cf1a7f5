package domain

import "time"

// MappingMeasure is a measure as the mapping names it.
type MappingMeasure struct {
	ID         int64  `json:"id"`
	Code       string `json:"code"`
	Title      string `json:"title"`
	Scope      Scope  `json:"scope"`
	OwnerOrgID *int64 `json:"owner_org_id"`
	// OwnerName is the town of a local measure ("" otherwise).
	OwnerName string `json:"owner_name"`
	Retired   bool   `json:"retired"`
	FieldCode string `json:"field_code"`
	// Field is the title of the measure's action field.
	Field string `json:"field"`
}

// MappingRow is one measure of the old version with what becomes of it.
type MappingRow struct {
	Old MappingMeasure
	// Kind is "" while the KI has not decided (a measure added to the old
	// version after the draft was started).
	Kind    MappingKind
	Reason  string
	Targets []MappingMeasure
	// Implementations counts the measure's implementations in the old version.
	Implementations int
}

// VersionDraft is the mapping of a plan version onto its successor, as the
// KI edits it, adoption checks it and the change annex lists it.
type VersionDraft struct {
	Old Plan
	New Plan
	// SupersededAt is set once the new version is adopted.
	SupersededAt *time.Time
	Rows         []MappingRow
	// NewMeasures are the new version's measures in catalogue order; those
	// that no mapping targets are new in this version.
	NewMeasures []MappingMeasure
}

// Adopted reports whether the new version was adopted.
func (d VersionDraft) Adopted() bool { return d.New.State == PlanAdopted }

// Sources are the old measures mapped into each new measure, by its id.
func (d VersionDraft) Sources() map[int64][]MappingMeasure {
	src := map[int64][]MappingMeasure{}
	for _, r := range d.Rows {
		for _, t := range r.Targets {
			src[t.ID] = append(src[t.ID], r.Old)
		}
	}
	return src
}

// Added are the new version's measures that continue none of the old.
func (d VersionDraft) Added() []MappingMeasure {
	src := d.Sources()
	var added []MappingMeasure
	for _, m := range d.NewMeasures {
		if len(src[m.ID]) == 0 && !m.Retired {
			added = append(added, m)
		}
	}
	return added
}

// Problems lists what stands in the way of adopting the new version, one
// refusal per old measure, in catalogue order; none when it may be adopted.
func (d VersionDraft) Problems() []error {
	src := d.Sources()
	var errs []error
	for _, r := range d.Rows {
		if err := r.problem(src); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func (r MappingRow) problem(src map[int64][]MappingMeasure) error {
	code := r.Old.Code
	edit := MappingEdit{Kind: r.Kind, Reason: r.Reason}
	for _, t := range r.Targets {
		edit.Targets = append(edit.Targets, t.Code)
	}
	if r.Kind == "" {
		return Keyed(CodeInvalid, "", "versions.problem.missing", "mapping missing", "Code", code)
	}
	if _, err := edit.Check(); err != nil {
		return Keyed(CodeInvalid, "", "versions.problem.incomplete", "mapping incomplete", "Code", code)
	}
	for _, t := range r.Targets {
		switch {
		case t.Retired:
			return Keyed(CodeInvalid, "", "versions.problem.targetRetired", "target retired", "Code", code, "Target", t.Code)
		case !ScopeCarries(r.Old.Scope, t.Scope) ||
			(r.Old.Scope == ScopeLocal && t.Scope == ScopeLocal && !sameOwner(r.Old.OwnerOrgID, t.OwnerOrgID)):
			return Keyed(CodeInvalid, "", "versions.problem.scope", "scopes do not carry", "Code", code, "Target", t.Code)
		case r.Kind == MappingContinued && len(src[t.ID]) > 1:
			return Keyed(CodeInvalid, "", "versions.problem.continuedShared", "continued into a merge", "Code", code, "Target", t.Code)
		}
	}
	return nil
}

func sameOwner(a, b *int64) bool { return a != nil && b != nil && *a == *b }

// LineageLink is an implementation of another plan version that one is
// linked to: carried from (Earlier) or carried into (later). Its history
// (progress reports, milestones, comments, audit events) is read there.
type LineageLink struct {
	ImplementationID int64       `db:"implementation_id" json:"implementation_id"`
	Earlier          bool        `db:"earlier" json:"earlier"`
	Kind             MappingKind `db:"kind" json:"kind"`
	PlanSlug         string      `db:"plan_slug" json:"plan_slug"`
	PlanTitle        string      `db:"plan_title" json:"plan_title"`
	PlanVersion      string      `db:"plan_version" json:"plan_version"`
	OrgSlug          string      `db:"org_slug" json:"org_slug"`
	MeasureCode      string      `db:"measure_code" json:"measure_code"`
	MeasureTitle     string      `db:"measure_title" json:"measure_title"`
	Updates          int         `db:"updates" json:"updates"`
	Milestones       int         `db:"milestones" json:"milestones"`
	Comments         int         `db:"comments" json:"comments"`
}
