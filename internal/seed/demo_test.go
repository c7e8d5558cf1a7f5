package seed

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

var testNow = time.Date(2026, time.November, 25, 9, 30, 0, 0, time.UTC)

func demo() []Implementation {
	return DemoImplementations(CoesfeldConcept(), Organisations(), testNow)
}

func TestDemoIsDeterministic(t *testing.T) {
	if !reflect.DeepEqual(demo(), demo()) {
		t.Fatal("two runs with the same now differ")
	}
}

func TestDemoDatesFollowNow(t *testing.T) {
	later := testNow.AddDate(1, 0, 0)
	var newest time.Time
	for _, im := range DemoImplementations(CoesfeldConcept(), Organisations(), later) {
		if im.LastUpdateOn != nil && im.LastUpdateOn.After(newest) {
			newest = *im.LastUpdateOn
		}
	}
	if !newest.After(testNow) || newest.After(later) {
		t.Errorf("newest update %s, want between %s and %s", newest.Format(time.DateOnly),
			testNow.Format(time.DateOnly), later.Format(time.DateOnly))
	}
}

func TestDemoCoversEveryMeasureAndOrganisation(t *testing.T) {
	c := CoesfeldConcept()
	want := map[string]bool{}
	for _, tg := range measureTargets(c) {
		if tg.measure.Scope == domain.ScopeCounty {
			want[tg.measure.Code+"/"+CountySlug] = true
			continue
		}
		for _, o := range Organisations()[1:] {
			want[tg.measure.Code+"/"+o.Slug] = true
		}
	}
	impls := demo()
	got := map[string]bool{}
	for _, im := range impls {
		got[im.MeasureCode+"/"+im.OrgSlug] = true
	}
	if len(impls) != len(want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("implementations = %d (%d distinct), want %d", len(impls), len(got), len(want))
	}
}

func TestDemoEveryStateOccurs(t *testing.T) {
	seen := map[string]int{}
	for _, im := range demo() {
		seen["relevance "+string(im.Relevance)]++
		seen["status "+string(im.Status)]++
		seen["support "+string(im.Support)]++
		if im.Continuous {
			seen["continuous"]++
		}
		if overdue(im) {
			seen["overdue"]++
		}
		if len(im.Milestones) > 0 {
			seen["milestones"]++
		}
		if len(im.Comments) > 0 {
			seen["comments"]++
		}
	}
	var want []string
	for _, r := range domain.Relevances {
		want = append(want, "relevance "+string(r))
	}
	for _, s := range domain.Statuses {
		want = append(want, "status "+string(s))
	}
	for _, s := range domain.Supports {
		want = append(want, "support "+string(s))
	}
	want = append(want, "continuous", "overdue", "milestones", "comments")
	for _, k := range want {
		if seen[k] == 0 {
			t.Errorf("no implementation with %s", k)
		}
	}
}

func overdue(im Implementation) bool {
	return im.Status != domain.StatusCompleted && im.Status != domain.StatusCancelled &&
		im.Relevance == domain.RelevanceRelevant && im.DueOn != nil && im.DueOn.Before(dateOf(testNow))
}

// TestDemoInvariants checks what the schema's CHECK constraints and the
// workflow demand of every implementation.
func TestDemoInvariants(t *testing.T) {
	for _, im := range demo() {
		for _, problem := range invariantProblems(im) {
			t.Errorf("%s/%s: %s", im.MeasureCode, im.OrgSlug, problem)
		}
	}
}

func invariantProblems(im Implementation) []string {
	var p []string
	check := func(ok bool, msg string) {
		if !ok {
			p = append(p, msg)
		}
	}
	relevant := im.Relevance == domain.RelevanceRelevant
	check(relevant == (im.Status != ""), "status set exactly when relevant")
	check(im.Relevance != domain.RelevanceNotRelevant || im.RelevanceNote != "", "not relevant without reason")
	check(im.Relevance != domain.RelevanceAlreadyInPlace || im.RelevanceNote != "", "already in place without description")
	check(im.Status != domain.StatusCancelled || im.StatusNote != "", "cancelled without reason")
	check(progressFits(im.Status, im.Progress), "progress does not fit status")
	check(im.DueOn == nil || im.StartOn == nil || !im.DueOn.Before(*im.StartOn), "due before start")
	check(!im.Continuous || im.DueOn == nil, "continuous with due date")
	check(im.Support == domain.SupportNone || im.SupportRequest != "", "support without request")
	check(im.Support != domain.SupportDeclined || im.SupportResponse != "", "declined without reason")
	check(im.Support == domain.SupportNone || im.OrgSlug != CountySlug, "county office asks itself for support")
	check(im.Contact == "" || strings.Contains(im.Contact, "@"), "contact is not a mailbox")
	check(relevant || len(im.Updates) == 0, "updates on an implementation that is not relevant")
	check(!im.UpdatedAt.Before(im.CreatedAt), "updated before created")
	p = append(p, historyProblems(im)...)
	p = append(p, coherenceProblems(im)...)
	return p
}

// coherenceProblems are contradictions a reader of the demo would notice: a
// cancelled measure further along than anyone reported before it was
// cancelled, a milestone done that the progress does not reach (a final
// report done at 10 %), a support request about another action field.
func coherenceProblems(im Implementation) []string {
	var p []string
	if im.Status == domain.StatusCancelled {
		reported := 0
		if n := len(im.Updates); n >= 2 {
			reported = im.Updates[n-2].Progress
		}
		if im.Progress != reported {
			p = append(p, fmt.Sprintf("cancelled at %d %%, last reported %d %% before", im.Progress, reported))
		}
	}
	for i, m := range im.Milestones {
		if m.DoneOn != nil && im.Progress < MilestoneShare(i, len(im.Milestones)) {
			p = append(p, fmt.Sprintf("milestone %q (%d of %d) done at %d %%", m.Title, i+1, len(im.Milestones), im.Progress))
		}
	}
	field, _, _ := strings.Cut(im.MeasureCode, ".")
	if im.SupportRequest != "" && !slices.Contains(supportRequests[field], im.SupportRequest) {
		p = append(p, "support request of another action field: "+im.SupportRequest)
	}
	return p
}

func progressFits(s domain.Status, progress int) bool {
	switch s {
	case "":
		return progress == 0
	case domain.StatusPlanned:
		return progress <= 10
	case domain.StatusInProgress:
		return progress >= 10 && progress <= 90
	case domain.StatusCompleted:
		return progress == 100
	}
	return progress >= 0 && progress < 100
}

var statusRank = map[domain.Status]int{
	domain.StatusPlanned: 0, domain.StatusInProgress: 1,
	domain.StatusOnHold: 2, domain.StatusCompleted: 2, domain.StatusCancelled: 2,
}

func historyProblems(im Implementation) []string {
	n := len(im.Updates)
	if n == 0 {
		if im.LastUpdateOn != nil {
			return []string{"last update date without updates"}
		}
		return nil
	}
	var p []string
	if n > 8 {
		p = append(p, "more than eight updates")
	}
	last := im.Updates[n-1]
	if im.LastUpdateOn == nil || !last.ReportedOn.Equal(*im.LastUpdateOn) {
		p = append(p, "last update date is not the newest update")
	}
	if last.Status != im.Status || last.Progress != im.Progress {
		p = append(p, "newest update does not record the current state")
	}
	for i, u := range im.Updates {
		if u.Body == "" || strings.Contains(u.Body, "{") || !progressFits(u.Status, u.Progress) {
			p = append(p, "update "+u.ReportedOn.Format(time.DateOnly)+" is inconsistent")
		}
		if u.ReportedOn.After(testNow) || u.ReportedOn.Before(testNow.AddDate(0, -historyMonths, 0)) {
			p = append(p, "update outside the last 18 months")
		}
		if i > 0 && (u.ReportedOn.Before(im.Updates[i-1].ReportedOn) || u.Progress < im.Updates[i-1].Progress ||
			statusRank[u.Status] < statusRank[im.Updates[i-1].Status]) {
			p = append(p, "updates do not rise monotonically")
		}
	}
	return p
}

func TestDemoMilestones(t *testing.T) {
	for _, im := range demo() {
		for _, m := range im.Milestones {
			if m.DueOn == nil || m.DueOn.Before(*im.StartOn) || m.DueOn.After(*im.DueOn) {
				t.Errorf("%s/%s: milestone %q due %v outside %v–%v", im.MeasureCode, im.OrgSlug, m.Title, m.DueOn, im.StartOn, im.DueOn)
			}
			if m.DoneOn != nil && m.DoneOn.After(testNow) {
				t.Errorf("%s/%s: milestone %q done in the future", im.MeasureCode, im.OrgSlug, m.Title)
			}
			if im.Status == domain.StatusCompleted && m.DoneOn == nil {
				t.Errorf("%s/%s: completed with open milestone %q", im.MeasureCode, im.OrgSlug, m.Title)
			}
		}
	}
}

func TestDemoUpdatesSpanTheHistory(t *testing.T) {
	var dates []time.Time
	total := 0
	for _, im := range demo() {
		for _, u := range im.Updates {
			dates = append(dates, u.ReportedOn)
		}
		total += len(im.Updates)
	}
	first := slices.MinFunc(dates, time.Time.Compare)
	last := slices.MaxFunc(dates, time.Time.Compare)
	if first.AddDate(0, 15, 0).After(last) {
		t.Errorf("updates span %s–%s, want more than 15 months", first.Format(time.DateOnly), last.Format(time.DateOnly))
	}
	if total < 1000 {
		t.Errorf("only %d updates", total)
	}
}

// TestDemoPostponements: some running or planned implementations moved their
// due date later, each with a reason, an original date before the current
// one and after the start, moved on a day between the plan's loading and today.
func TestDemoPostponements(t *testing.T) {
	n := 0
	for _, im := range demo() {
		if im.Postponements == 0 {
			if im.OriginalDueOn != nil || im.LastPostponedOn != nil || im.PostponementReason != "" {
				t.Errorf("%s/%s: postponement data without a postponement", im.MeasureCode, im.OrgSlug)
			}
			continue
		}
		n++
		switch {
		case im.DueOn == nil || im.OriginalDueOn == nil || !im.OriginalDueOn.Before(*im.DueOn):
			t.Errorf("%s/%s: original due %v not before due %v", im.MeasureCode, im.OrgSlug, im.OriginalDueOn, im.DueOn)
		case im.StartOn == nil || !im.OriginalDueOn.After(*im.StartOn):
			t.Errorf("%s/%s: original due %v not after the start %v", im.MeasureCode, im.OrgSlug, im.OriginalDueOn, im.StartOn)
		case im.PostponementReason == "" || im.LastPostponedOn == nil || im.LastPostponedOn.After(testNow):
			t.Errorf("%s/%s: move on %v with reason %q", im.MeasureCode, im.OrgSlug, im.LastPostponedOn, im.PostponementReason)
		}
	}
	if n < 10 {
		t.Errorf("%d postponed implementations in the demo, want at least 10", n)
	}
}
