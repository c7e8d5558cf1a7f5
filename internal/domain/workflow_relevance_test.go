package domain_test

import (
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// relevanceRules is the expected outcome of every relevance change, written
// out by hand from DESIGN.md §2 rather than derived from the implementation.
var relevanceRules = map[[2]domain.Relevance]domain.Code{
	{"open", "open"}:             domain.CodeConflict,
	{"open", "relevant"}:         ok,
	{"open", "not_relevant"}:     ok,
	{"open", "already_in_place"}: ok,

	{"relevant", "open"}:             domain.CodeConflict,
	{"relevant", "relevant"}:         domain.CodeConflict, // no change
	{"relevant", "not_relevant"}:     ok,
	{"relevant", "already_in_place"}: ok,

	{"not_relevant", "open"}:             domain.CodeConflict,
	{"not_relevant", "relevant"}:         ok,
	{"not_relevant", "not_relevant"}:     ok, // new reason
	{"not_relevant", "already_in_place"}: ok,

	{"already_in_place", "open"}:             domain.CodeConflict,
	{"already_in_place", "relevant"}:         ok,
	{"already_in_place", "not_relevant"}:     ok,
	{"already_in_place", "already_in_place"}: ok, // new description
}

// relevanceStart returns a realistic state for each relevance, with progress
// recorded so the tests can see that a decision keeps it.
func relevanceStart(r domain.Relevance) domain.Workflow {
	w := domain.Workflow{Relevance: r, Progress: 40, Support: domain.SupportRequested, SupportRequest: "Hilfe"}
	switch r {
	case domain.RelevanceRelevant:
		w.Status, w.StatusNote = domain.StatusOnHold, "Personalmangel"
	case domain.RelevanceNotRelevant:
		w.RelevanceNote = "alter Grund"
	case domain.RelevanceAlreadyInPlace:
		w.RelevanceNote = "alte Beschreibung"
	case domain.RelevanceOpen:
		w.Progress = 0
	}
	return w
}

func TestDecideRelevanceTransitions(t *testing.T) {
	for _, from := range domain.Relevances {
		for _, to := range domain.Relevances {
			want, listed := relevanceRules[[2]domain.Relevance{from, to}]
			if !listed {
				t.Fatalf("relevanceRules misses %s → %s", from, to)
			}
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				start := relevanceStart(from)
				got, err := start.DecideRelevance(to, "  neuer Text ")
				checkErr(t, err, want, "")
				if want != ok {
					if got != start {
						t.Fatalf("refused change altered state: %+v", got)
					}
					return
				}
				wantState := start
				wantState.Relevance, wantState.RelevanceNote = to, "neuer Text"
				switch {
				case to != domain.RelevanceRelevant:
					wantState.Status, wantState.StatusNote = "", ""
				case from != domain.RelevanceRelevant:
					wantState.Status, wantState.StatusNote = domain.StatusPlanned, ""
				}
				if got != wantState {
					t.Fatalf("state = %+v, want %+v", got, wantState)
				}
			})
		}
	}
}

// TestDecideRelevanceStatus states the status rule directly: status planned
// after becoming relevant (whatever it was before), none after leaving.
func TestDecideRelevanceStatus(t *testing.T) {
	completed := domain.Workflow{Relevance: domain.RelevanceRelevant, Status: domain.StatusCompleted, Progress: 100, Support: domain.SupportNone}
	left, err := completed.DecideRelevance(domain.RelevanceNotRelevant, "Zuständigkeit beim Kreis")
	checkErr(t, err, ok, "")
	if left.Status != "" || left.Progress != 100 {
		t.Fatalf("after leaving relevant: status %q progress %d, want \"\" 100", left.Status, left.Progress)
	}
	back, err := left.DecideRelevance(domain.RelevanceRelevant, "")
	checkErr(t, err, ok, "")
	if back.Status != domain.StatusPlanned || back.Progress != 100 || back.RelevanceNote != "" {
		t.Fatalf("after becoming relevant: %+v, want status planned, progress 100, note empty", back)
	}
}

func TestDecideRelevanceNoteRequired(t *testing.T) {
	cases := []struct {
		to      domain.Relevance
		note    string
		want    domain.Code
		message string
	}{
		{"not_relevant", "", domain.CodeInvalid, "Bitte geben Sie einen Grund an, warum die Maßnahme nicht relevant ist."},
		{"not_relevant", " \t\n ", domain.CodeInvalid, "Bitte geben Sie einen Grund an, warum die Maßnahme nicht relevant ist."},
		{"already_in_place", "", domain.CodeInvalid, "Bitte beschreiben Sie kurz, wie die Maßnahme bereits umgesetzt ist."},
		{"already_in_place", "   ", domain.CodeInvalid, "Bitte beschreiben Sie kurz, wie die Maßnahme bereits umgesetzt ist."},
		{"relevant", "", ok, ""},
		{"relevant", "   ", ok, ""},
	}
	for _, c := range cases {
		t.Run(string(c.to)+"/"+c.note, func(t *testing.T) {
			got, err := domain.NewWorkflow().DecideRelevance(c.to, c.note)
			if c.want == ok {
				checkErr(t, err, ok, "")
				if got.Relevance != c.to || got.RelevanceNote != "" {
					t.Fatalf("state = %+v, want relevance %s with empty note", got, c.to)
				}
				return
			}
			checkErr(t, err, c.want, "relevance_note")
			checkMessage(t, err, c.message)
		})
	}
}

// A revision of "not relevant" to itself must still carry a reason.
func TestDecideRelevanceRevisionNeedsText(t *testing.T) {
	start := relevanceStart(domain.RelevanceNotRelevant)
	got, err := start.DecideRelevance(domain.RelevanceNotRelevant, " ")
	checkErr(t, err, domain.CodeInvalid, "relevance_note")
	if got.RelevanceNote != "alter Grund" {
		t.Fatalf("note = %q, want the old reason kept", got.RelevanceNote)
	}
}

func TestDecideRelevanceMessages(t *testing.T) {
	_, err := relevanceStart(domain.RelevanceNotRelevant).DecideRelevance(domain.RelevanceOpen, "")
	checkMessage(t, err, "Die Einstufung kann nicht auf „offen“ zurückgesetzt werden. "+
		"Bitte wählen Sie „relevant“, „nicht relevant“ oder „bereits umgesetzt“.")
	_, err = relevanceStart(domain.RelevanceRelevant).DecideRelevance(domain.RelevanceRelevant, "")
	checkMessage(t, err, "Die Maßnahme ist bereits als „relevant“ eingestuft.")
}

func TestDecideRelevanceUnknown(t *testing.T) {
	for _, to := range []domain.Relevance{"", "maybe", "RELEVANT"} {
		_, err := domain.NewWorkflow().DecideRelevance(to, "Grund")
		checkErr(t, err, domain.CodeInvalid, "relevance")
	}
}
