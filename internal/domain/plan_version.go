package domain

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// PlanState is where a plan stands among the versions of a county's plan.
type PlanState string

const (
	// PlanDraft: the next version the KI prepares; nobody else sees it.
	PlanDraft PlanState = "draft"
	// PlanAdopted: the county's current version.
	PlanAdopted PlanState = "adopted"
	// PlanSuperseded: an earlier version, kept read-only.
	PlanSuperseded PlanState = "superseded"
)

// MappingKind is what becomes of an old version's measure in the new one.
type MappingKind string

const (
	MappingContinued MappingKind = "continued" // carried on in one measure
	MappingMerged    MappingKind = "merged"    // merged with others into one measure
	MappingSplit     MappingKind = "split"     // split into several measures
	MappingDropped   MappingKind = "dropped"   // not continued, for a reason
)

// MappingKinds lists every kind in the order the form offers them.
var MappingKinds = []MappingKind{MappingContinued, MappingMerged, MappingSplit, MappingDropped}

// Valid reports whether k is a known kind.
func (k MappingKind) Valid() bool {
	for _, x := range MappingKinds {
		if k == x {
			return true
		}
	}
	return false
}

// MaxMappingReason is the longest reason a mapping may give.
const MaxMappingReason = 2000

// VersionStart is the KI's request to start the next version of a plan.
type VersionStart struct {
	Title     string
	Version   string
	AdoptedOn *time.Time
}

// Check trims and validates the request, naming every problem at once.
func (v VersionStart) Check() (VersionStart, error) {
	v.Title, v.Version = strings.TrimSpace(v.Title), strings.TrimSpace(v.Version)
	var errs []error
	switch {
	case v.Title == "":
		errs = append(errs, Keyed(CodeInvalid, "title", "versions.err.titleMissing", "title missing"))
	case TooLong(v.Title, 300) || !IsText(v.Title):
		errs = append(errs, Keyed(CodeInvalid, "title", "versions.err.titleTooLong", "title too long", "Max", 300))
	}
	switch {
	case v.Version == "":
		errs = append(errs, Keyed(CodeInvalid, "version", "versions.err.versionMissing", "version missing"))
	case TooLong(v.Version, 40) || !IsText(v.Version) || strings.ContainsAny(v.Version, "\n\t"):
		errs = append(errs, Keyed(CodeInvalid, "version", "versions.err.versionTooLong", "version too long", "Max", 40))
	}
	if v.AdoptedOn == nil {
		errs = append(errs, Keyed(CodeInvalid, "adopted_on", "versions.err.adoptedMissing", "adoption date missing"))
	}
	return v, errors.Join(errs...)
}

var slugJunk = regexp.MustCompile(`[^a-z0-9]+`)

// VersionSlug is the address of a new version: the old one's slug with the
// version name, e.g. "integrationskonzept" and "2.0" → "integrationskonzept-2-0".
func VersionSlug(oldSlug, version string) string {
	v := umlautSpelling.Replace(strings.ToLower(version))
	v = strings.Trim(slugJunk.ReplaceAllString(v, "-"), "-")
	if v == "" {
		v = "neu"
	}
	return fmt.Sprintf("%s-%s", oldSlug, v)
}

// MappingEdit is the KI's mapping of one old measure: its kind, the codes of
// the new version's measures it goes into, and the reason (required when
// dropped).
type MappingEdit struct {
	OldMeasureID int64
	Kind         MappingKind
	Targets      []string
	Reason       string
}

// ParseTargetCodes splits a list of measure codes as people type it
// ("1.1.1, 1.1.2" or one per line), without blanks and repeats.
func ParseTargetCodes(s string) []string {
	var codes []string
	seen := map[string]bool{}
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	return codes
}

// Check validates the edit on its own (the targets' existence is the
// store's to check): the number of targets each kind needs, a reason for a
// drop, text a person could type.
func (m MappingEdit) Check() (MappingEdit, error) {
	m.Reason = CleanText(m.Reason)
	var errs []error
	if !m.Kind.Valid() {
		return m, Keyed(CodeInvalid, "kind", "versions.err.kind", "no such mapping kind")
	}
	for _, c := range m.Targets {
		if len(c) > 40 || !catalogueCodes[LevelMeasure].MatchString(c) {
			errs = append(errs, Keyed(CodeInvalid, "targets", "versions.err.targetCode", "not a measure code", "Code", c))
			break
		}
	}
	switch n := len(m.Targets); {
	case m.Kind == MappingDropped && n > 0:
		errs = append(errs, Keyed(CodeInvalid, "targets", "versions.err.droppedTargets", "a dropped measure has no target"))
	case (m.Kind == MappingContinued || m.Kind == MappingMerged) && n != 1:
		errs = append(errs, Keyed(CodeInvalid, "targets", "versions.err.oneTarget", "exactly one target"))
	case m.Kind == MappingSplit && n < 2:
		errs = append(errs, Keyed(CodeInvalid, "targets", "versions.err.splitTargets", "at least two targets"))
	}
	switch {
	case m.Kind == MappingDropped && m.Reason == "":
		errs = append(errs, Keyed(CodeInvalid, "reason", "versions.err.reasonMissing", "reason missing"))
	case TooLong(m.Reason, MaxMappingReason) || !IsText(m.Reason):
		errs = append(errs, Keyed(CodeInvalid, "reason", "versions.err.reasonTooLong", "reason too long", "Max", MaxMappingReason))
	}
	if m.Kind != MappingDropped && m.Reason != "" && len(errs) == 0 {
		// A note on a continued measure is allowed: it explains a change.
		return m, nil
	}
	return m, errors.Join(errs...)
}

// ScopeCarries reports whether implementations of a measure of scope from
// can be carried into one of scope to: the same organisations must carry
// both (a town's own measure may become one every town reviews).
func ScopeCarries(from, to Scope) bool {
	switch from {
	case ScopeCounty:
		return to == ScopeCounty
	case ScopeMunicipal:
		return to == ScopeMunicipal
	default:
		return to == ScopeMunicipal || to == ScopeLocal
	}
}

// StateRefuses reports what the plan's state refuses of an access to object
// (write: a change, or the form for one): a superseded version is read-only
// (every write refused with the name of its successor); a draft shows only
// its plan and catalogue, which the KI prepares. Pages and the API ask it
// once, where they check permissions, so that no route can forget it.
func (sc PlanScope) StateRefuses(object string, write bool) error {
	switch sc.Plan.State {
	case PlanSuperseded:
		if !write {
			return nil
		}
		title, version := "", ""
		if s := sc.Successor; s != nil {
			title, version = s.Title, s.Version
		}
		return Keyed(CodeConflict, "", "versions.err.superseded", "plan version superseded: read-only",
			"Title", title, "Version", version)
	case PlanDraft:
		if object != "catalogue" && object != "plan" {
			return Keyed(CodeNotFound, "", "error.msg.notFound", "a draft plan version has only its catalogue")
		}
	}
	return nil
}
