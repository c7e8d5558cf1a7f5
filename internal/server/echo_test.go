package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// longestRun is the length of the longest run of x in a page.
func longestRun(body string) int {
	longest := 0
	for _, run := range regexp.MustCompile(`x+`).FindAllString(body, -1) {
		longest = max(longest, len(run))
	}
	return longest
}

// TestRefusedFormsEchoAtMostTheFieldsMaximum overfills one field of every
// form that comes back after a refusal: the form shows the input again, but
// never more of it than the field may hold.
func TestRefusedFormsEchoAtMostTheFieldsMaximum(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	tr := a.tracked(t)
	sc := a.implWithSupport(t, "duelmen", domain.SupportNone)
	goal := fmt.Sprint(a.firstGoal(t).ID)
	over := func(n int) string { return strings.Repeat("x", n+20000) }
	edit := func(field string, n int) []string { return editForm(tr.impl, field+"="+over(n)) }
	cases := []struct {
		name, path string
		form       []string
		max        int
	}{
		{"need title", demoPlan + "/kommunen/duelmen/bedarfe", formValues("title", over(domain.MaxNeedTitleLen)), domain.MaxNeedTitleLen},
		{"need description", demoPlan + "/kommunen/duelmen/bedarfe", formValues("title", "T", "description", over(domain.MaxNeedDescriptionLen)), domain.MaxNeedDescriptionLen},
		{"measure title", demoPlan + "/kommunen/duelmen/massnahmen/neu", formValues("goal_id", goal, "title", over(domain.MaxMeasureTitleLen)), domain.MaxMeasureTitleLen},
		{"measure goal", demoPlan + "/kommunen/duelmen/massnahmen/neu", formValues("goal_id", over(20), "title", "T"), 20},
		{"milestone title", tr.path + "/meilensteine", formValues("milestone_title", over(domain.MaxMilestoneTitleLen)), domain.MaxMilestoneTitleLen},
		{"milestone date", tr.path + "/meilensteine", formValues("milestone_title", "T", "milestone_due_on", over(10)), 10},
		{"report text", tr.path + "/sachstand", statusReportForm(tr.impl, "report_body="+over(domain.MaxProgressReportLen)), domain.MaxProgressReportLen},
		{"report date", tr.path + "/sachstand", statusReportForm(tr.impl, "reported_on="+over(10)), 10},
		{"report milestone", tr.path + "/sachstand", statusReportForm(tr.impl, "milestone_title="+over(domain.MaxMilestoneTitleLen)), domain.MaxMilestoneTitleLen},
		{"report status note", tr.path + "/sachstand", statusReportForm(tr.impl, "status=cancelled", "status_note="+over(domain.MaxRelevanceNoteLen)), domain.MaxRelevanceNoteLen},
		{"comment", tr.path + "/kommentare", formValues("comment_body", over(domain.MaxCommentLen)), domain.MaxCommentLen},
		{"support request", sc.request[len(a.URL):], formValues("version", versionOf(sc.impl), "support_request", over(domain.MaxSupportTextLen)), domain.MaxSupportTextLen},
		{"responsible body", tr.path + "/bearbeiten", edit("responsible_org", domain.MaxResponsibleOrgLen), domain.MaxResponsibleOrgLen},
		{"contact", tr.path + "/bearbeiten", edit("contact", domain.MaxContactLen), domain.MaxContactLen},
		{"cancel reason", tr.path + "/bearbeiten", editForm(tr.impl, "status=cancelled", "status_note="+over(domain.MaxRelevanceNoteLen)), domain.MaxRelevanceNoteLen},
		{"start date", tr.path + "/bearbeiten", edit("start_on", 10), 10},
		{"progress", tr.path + "/bearbeiten", edit("progress", 20), 20},
		{"version", tr.path + "/bearbeiten", edit("version", 20), 20},
		{"review note", demoPlan + "/kommunen/duelmen/relevanz", reviewForm([]domain.WorkspaceEntry{{WorkspaceItem: domain.WorkspaceItem{Implementation: tr.impl}}},
			kv("relevance", "not_relevant"), kv("relevance_note", over(domain.MaxRelevanceNoteLen))), domain.MaxRelevanceNoteLen},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+c.path, c.form...)
		if status < 400 || status >= 500 {
			t.Errorf("%s: %d, want the form refused", c.name, status)
		}
		if n := longestRun(body); n > c.max {
			t.Errorf("%s: the page echoes %d characters of the field, at most %d allowed", c.name, n, c.max)
		}
	}
}
