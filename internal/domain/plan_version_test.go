package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func status(s domain.Status) *domain.Status { return &s }

func day(s string) *time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return &t
}

func relevant(s domain.Status, progress int) domain.Carried {
	return domain.Carried{Relevance: domain.RelevanceRelevant, Status: status(s), Progress: progress,
		RelevanceDecidedOn: day("2025-01-01"), Support: domain.SupportNone}
}

func TestMergeCarriedStatusRule(t *testing.T) {
	cancelled := relevant(domain.StatusCancelled, 10)
	cancelled.StatusNote = "kein Träger"
	notRel := domain.Carried{Relevance: domain.RelevanceNotRelevant, RelevanceNote: "keine Schulen", Support: domain.SupportNone}
	cases := []struct {
		name     string
		parts    []domain.Carried
		rel      domain.Relevance
		status   domain.Status
		progress int
	}{
		{"one part is taken as it is", []domain.Carried{relevant(domain.StatusOnHold, 30)}, domain.RelevanceRelevant, domain.StatusOnHold, 30},
		{"all completed", []domain.Carried{relevant(domain.StatusCompleted, 100), relevant(domain.StatusCompleted, 100)},
			domain.RelevanceRelevant, domain.StatusCompleted, 100},
		{"completed and planned: begun", []domain.Carried{relevant(domain.StatusCompleted, 100), relevant(domain.StatusPlanned, 0)},
			domain.RelevanceRelevant, domain.StatusInProgress, 50},
		{"all planned", []domain.Carried{relevant(domain.StatusPlanned, 0), relevant(domain.StatusPlanned, 10)},
			domain.RelevanceRelevant, domain.StatusPlanned, 5},
		{"a cancelled part does not count", []domain.Carried{cancelled, relevant(domain.StatusCompleted, 100)},
			domain.RelevanceRelevant, domain.StatusCompleted, 100},
		{"all cancelled", []domain.Carried{cancelled, cancelled}, domain.RelevanceRelevant, domain.StatusCancelled, 10},
		{"relevant wins over not relevant", []domain.Carried{notRel, relevant(domain.StatusInProgress, 40)},
			domain.RelevanceRelevant, domain.StatusInProgress, 40},
		{"not relevant only when all are", []domain.Carried{notRel, notRel}, domain.RelevanceNotRelevant, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := domain.MergeCarried(c.parts)
			if m.Relevance != c.rel || m.Progress != c.progress {
				t.Errorf("relevance %s progress %d, want %s %d", m.Relevance, m.Progress, c.rel, c.progress)
			}
			if got := ""; m.Status != nil {
				got = string(*m.Status)
				if got != string(c.status) {
					t.Errorf("status %s, want %s", got, c.status)
				}
			} else if c.status != "" {
				t.Errorf("no status, want %s", c.status)
			}
			if m.Relevance == domain.RelevanceNotRelevant && m.RelevanceNote == "" {
				t.Error("a not relevant merge lost its reason")
			}
			if m.Status != nil && *m.Status == domain.StatusCancelled && m.StatusNote == "" {
				t.Error("a cancelled merge lost its reason")
			}
		})
	}
}

func TestMergeCarriedKeepsDatesSupportAndContact(t *testing.T) {
	a := relevant(domain.StatusInProgress, 20)
	a.StartOn, a.DueOn = day("2025-03-01"), day("2026-01-01")
	b := relevant(domain.StatusPlanned, 0)
	b.StartOn, b.DueOn, b.Postponements, b.OriginalDueOn, b.LastPostponedOn = day("2025-01-01"), day("2027-06-30"), 1, day("2026-06-30"), day("2025-05-01")
	b.Contact, b.Support, b.SupportRequest = "integration@olfen.de", domain.SupportRequested, "Bitte um Beratung"
	m := domain.MergeCarried([]domain.Carried{a, b})
	if !m.StartOn.Equal(*day("2025-01-01")) || !m.DueOn.Equal(*day("2027-06-30")) || m.Postponements != 1 {
		t.Errorf("dates: start %v due %v postponements %d", m.StartOn, m.DueOn, m.Postponements)
	}
	if m.Contact != "integration@olfen.de" || m.Support != domain.SupportRequested || m.SupportRequest == "" {
		t.Errorf("contact %q, support %s %q: the open request was lost", m.Contact, m.Support, m.SupportRequest)
	}
	c := a
	c.Continuous, c.DueOn = true, nil
	if m := domain.MergeCarried([]domain.Carried{c, b}); !m.Continuous || m.DueOn != nil || m.Postponements != 0 {
		t.Errorf("continuous merge: continuous %v due %v postponements %d", m.Continuous, m.DueOn, m.Postponements)
	}
}

func TestMappingEditCheck(t *testing.T) {
	cases := []struct {
		name  string
		edit  domain.MappingEdit
		field string
	}{
		{"continued into one", domain.MappingEdit{Kind: domain.MappingContinued, Targets: []string{"1.1.1"}}, ""},
		{"split into two", domain.MappingEdit{Kind: domain.MappingSplit, Targets: []string{"1.1.1", "1.1.2"}}, ""},
		{"dropped with a reason", domain.MappingEdit{Kind: domain.MappingDropped, Reason: "erledigt"}, ""},
		{"dropped without a reason", domain.MappingEdit{Kind: domain.MappingDropped, Reason: " \r\n "}, "reason"},
		{"dropped with a target", domain.MappingEdit{Kind: domain.MappingDropped, Reason: "x", Targets: []string{"1.1.1"}}, "targets"},
		{"merged into two", domain.MappingEdit{Kind: domain.MappingMerged, Targets: []string{"1.1.1", "1.1.2"}}, "targets"},
		{"split into one", domain.MappingEdit{Kind: domain.MappingSplit, Targets: []string{"1.1.1"}}, "targets"},
		{"no such kind", domain.MappingEdit{Kind: "deleted"}, "kind"},
		{"hostile code", domain.MappingEdit{Kind: domain.MappingContinued, Targets: []string{"1'; DROP TABLE plans;--"}}, "targets"},
		{"control characters", domain.MappingEdit{Kind: domain.MappingDropped, Reason: "a\x00b"}, "reason"},
		{"too long", domain.MappingEdit{Kind: domain.MappingDropped, Reason: strings.Repeat("ä", 2001)}, "reason"},
	}
	for _, c := range cases {
		_, err := c.edit.Check()
		if c.field == "" && err != nil {
			t.Errorf("%s: refused: %v", c.name, err)
		}
		if c.field != "" && !strings.Contains(fieldsOf(err), c.field) {
			t.Errorf("%s: %v, want a refusal of %s", c.name, err, c.field)
		}
	}
}

func TestVersionDraftProblems(t *testing.T) {
	target := domain.MappingMeasure{ID: 10, Code: "1.1.1", Scope: domain.ScopeMunicipal}
	retired := domain.MappingMeasure{ID: 11, Code: "1.1.2", Scope: domain.ScopeMunicipal, Retired: true}
	county := domain.MappingMeasure{ID: 12, Code: "1.1.3", Scope: domain.ScopeCounty}
	old := func(code string) domain.MappingMeasure {
		return domain.MappingMeasure{Code: code, Scope: domain.ScopeMunicipal}
	}
	d := domain.VersionDraft{Rows: []domain.MappingRow{
		{Old: old("1"), Kind: domain.MappingContinued, Targets: []domain.MappingMeasure{target}},
		{Old: old("2"), Kind: domain.MappingMerged, Targets: []domain.MappingMeasure{target}},
		{Old: old("3")},
		{Old: old("4"), Kind: domain.MappingContinued, Targets: []domain.MappingMeasure{retired}},
		{Old: old("5"), Kind: domain.MappingContinued, Targets: []domain.MappingMeasure{county}},
		{Old: old("6"), Kind: domain.MappingDropped},
		{Old: old("7"), Kind: domain.MappingDropped, Reason: "Ziel erreicht"},
	}}
	want := []string{"versions.problem.continuedShared", "versions.problem.missing", "versions.problem.targetRetired",
		"versions.problem.scope", "versions.problem.incomplete"}
	got := d.Problems()
	if len(got) != len(want) {
		t.Fatalf("problems %v, want %v", got, want)
	}
	for i, err := range got {
		if domain.ErrorKey(err) != want[i] {
			t.Errorf("problem %d: %s, want %s", i, domain.ErrorKey(err), want[i])
		}
	}
}

func TestVersionSlug(t *testing.T) {
	if got := domain.VersionSlug("integrationskonzept", "Fortschreibung 2.0 (März)"); got != "integrationskonzept-fortschreibung-2-0-maerz" {
		t.Errorf("slug %q", got)
	}
	if got := domain.VersionSlug("ik", "…"); got != "ik-neu" {
		t.Errorf("slug %q", got)
	}
}

// fieldsOf names the fields of every refusal err joins.
func fieldsOf(err error) string {
	var fields []string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var de *domain.Error
		if errors.As(e, &de) {
			fields = append(fields, de.Field)
		}
	}
	if err != nil {
		walk(err)
	}
	return strings.Join(fields, ",")
}
