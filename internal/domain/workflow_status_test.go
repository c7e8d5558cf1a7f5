package domain_test

import (
	"slices"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// statusRules is the expected outcome of every status change of a relevant
// implementation, written out by hand from DESIGN.md §2.
var statusRules = map[[2]domain.Status]domain.Code{
	{"planned", "planned"}:     domain.CodeConflict,
	{"planned", "in_progress"}: ok,
	{"planned", "on_hold"}:     ok,
	{"planned", "completed"}:   domain.CodeConflict, // must be in progress first
	{"planned", "cancelled"}:   ok,

	{"in_progress", "planned"}:     domain.CodeConflict,
	{"in_progress", "in_progress"}: domain.CodeConflict,
	{"in_progress", "on_hold"}:     ok,
	{"in_progress", "completed"}:   ok,
	{"in_progress", "cancelled"}:   ok,

	{"on_hold", "planned"}:     ok,
	{"on_hold", "in_progress"}: ok,
	{"on_hold", "on_hold"}:     domain.CodeConflict,
	{"on_hold", "completed"}:   domain.CodeConflict,
	{"on_hold", "cancelled"}:   ok,

	{"completed", "planned"}:     domain.CodeConflict,
	{"completed", "in_progress"}: domain.CodeConflict,
	{"completed", "on_hold"}:     domain.CodeConflict,
	{"completed", "completed"}:   domain.CodeConflict,
	{"completed", "cancelled"}:   domain.CodeConflict,

	{"cancelled", "planned"}:     domain.CodeConflict,
	{"cancelled", "in_progress"}: domain.CodeConflict,
	{"cancelled", "on_hold"}:     domain.CodeConflict,
	{"cancelled", "completed"}:   domain.CodeConflict,
	{"cancelled", "cancelled"}:   domain.CodeConflict,
}

func statusStart(s domain.Status) domain.Workflow {
	w := domain.Workflow{Relevance: domain.RelevanceRelevant, Status: s, StatusNote: "alt", Progress: 40, Support: domain.SupportNone}
	if s == domain.StatusCompleted {
		w.Progress = 100
	}
	return w
}

func TestChangeStatusTransitions(t *testing.T) {
	for _, from := range domain.Statuses {
		for _, to := range domain.Statuses {
			want, listed := statusRules[[2]domain.Status{from, to}]
			if !listed {
				t.Fatalf("statusRules misses %s → %s", from, to)
			}
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				start := statusStart(from)
				got, err := start.ChangeStatus(to, " Grund ")
				checkErr(t, err, want, "")
				wantState := start
				if want == ok {
					wantState.Status, wantState.StatusNote = to, "Grund"
					if to == domain.StatusCompleted {
						wantState.Progress = 100
					}
				}
				if got != wantState {
					t.Fatalf("state = %+v, want %+v", got, wantState)
				}
			})
		}
	}
}

func TestAllowedStatusTransitions(t *testing.T) {
	want := map[domain.Status][]domain.Status{
		"planned":     {"in_progress", "on_hold", "cancelled"},
		"in_progress": {"on_hold", "completed", "cancelled"},
		"on_hold":     {"planned", "in_progress", "cancelled"},
		"completed":   nil,
		"cancelled":   nil,
		"":            nil,
		"unknown":     nil,
	}
	for from, w := range want {
		if got := domain.AllowedStatusTransitions(from); !slices.Equal(got, w) {
			t.Errorf("AllowedStatusTransitions(%q) = %v, want %v", from, got, w)
		}
	}
	// The result is a copy: a caller editing it must not change the rules.
	domain.AllowedStatusTransitions(domain.StatusPlanned)[0] = domain.StatusCompleted
	if got := domain.AllowedStatusTransitions(domain.StatusPlanned); got[0] != domain.StatusInProgress {
		t.Fatalf("rules changed through returned slice: %v", got)
	}
}

func TestChangeStatusWhileNotRelevant(t *testing.T) {
	for _, r := range []domain.Relevance{"open", "not_relevant", "already_in_place"} {
		for _, to := range domain.Statuses {
			start := domain.Workflow{Relevance: r, Progress: 30, Support: domain.SupportNone}
			got, err := start.ChangeStatus(to, "Grund")
			checkErr(t, err, domain.CodeConflict, "")
			if got != start {
				t.Fatalf("%s → %s: state altered to %+v", r, to, got)
			}
		}
	}
}

func TestChangeStatusCancelReason(t *testing.T) {
	for _, reason := range []string{"", "   ", "\n\t"} {
		_, err := statusStart(domain.StatusInProgress).ChangeStatus(domain.StatusCancelled, reason)
		checkErr(t, err, domain.CodeInvalid, "status_note")
		checkMessage(t, err, "Bitte geben Sie einen Grund an, warum die Maßnahme entfällt.")
	}
	// Other changes need no reason; an empty one clears the old note.
	got, err := statusStart(domain.StatusPlanned).ChangeStatus(domain.StatusOnHold, "")
	checkErr(t, err, ok, "")
	if got.Status != domain.StatusOnHold || got.StatusNote != "" {
		t.Fatalf("state = %+v, want on_hold with empty note", got)
	}
}

func TestChangeStatusMessages(t *testing.T) {
	cases := []struct {
		from, to domain.Status
		message  string
	}{
		{"completed", "in_progress", "Von „umgesetzt“ aus ist kein Statuswechsel mehr möglich."},
		{"cancelled", "planned", "Von „entfallen“ aus ist kein Statuswechsel mehr möglich."},
		{"planned", "completed", "Von „geplant“ aus kann die Maßnahme nicht direkt auf „umgesetzt“ gesetzt werden. " +
			"Bitte setzen Sie sie zuerst auf „in Umsetzung“."},
		{"on_hold", "completed", "Von „zurückgestellt“ aus ist ein Wechsel zu „umgesetzt“ nicht möglich. " +
			"Möglich sind: „geplant“, „in Umsetzung“, „entfallen“."},
		{"planned", "planned", "Die Maßnahme hat bereits den Status „geplant“. Bitte wählen Sie einen anderen Status."},
	}
	for _, c := range cases {
		_, err := statusStart(c.from).ChangeStatus(c.to, "Grund")
		checkMessage(t, err, c.message)
	}
	_, err := domain.Workflow{Relevance: domain.RelevanceNotRelevant}.ChangeStatus(domain.StatusPlanned, "")
	checkMessage(t, err, "Ein Status kann nur gesetzt werden, solange die Maßnahme als „relevant“ eingestuft ist. "+
		"Bitte stufen Sie die Maßnahme zuerst als „relevant“ ein.")
}

func TestChangeStatusUnknown(t *testing.T) {
	for _, to := range []domain.Status{"", "done", "PLANNED"} {
		_, err := statusStart(domain.StatusPlanned).ChangeStatus(to, "")
		checkErr(t, err, domain.CodeInvalid, "status")
	}
}

// Relevant but without a status cannot arise through the rules; if a stored
// row is broken, every change is refused instead of guessing.
func TestChangeStatusWithoutStatus(t *testing.T) {
	broken := domain.Workflow{Relevance: domain.RelevanceRelevant, Support: domain.SupportNone}
	for _, to := range domain.Statuses {
		_, err := broken.ChangeStatus(to, "Grund")
		checkErr(t, err, domain.CodeConflict, "")
	}
	_, err := broken.SetProgress(10)
	checkErr(t, err, domain.CodeConflict, "")
}

func TestSetProgress(t *testing.T) {
	cases := []struct {
		relevance domain.Relevance
		status    domain.Status
		start     int
		p         int
		want      domain.Code
	}{
		{"relevant", "planned", 40, -1, domain.CodeInvalid},
		{"relevant", "planned", 40, 0, ok},
		{"relevant", "planned", 40, 100, ok},
		{"relevant", "planned", 40, 101, domain.CodeInvalid},
		{"relevant", "in_progress", 40, -1, domain.CodeInvalid},
		{"relevant", "in_progress", 40, 0, ok},
		{"relevant", "in_progress", 40, 55, ok},
		{"relevant", "in_progress", 40, 100, ok},
		{"relevant", "in_progress", 40, 101, domain.CodeInvalid},
		{"relevant", "on_hold", 40, 0, ok},
		{"relevant", "on_hold", 40, 100, ok},
		{"relevant", "on_hold", 40, 101, domain.CodeInvalid},
		{"relevant", "completed", 100, 100, ok},
		{"relevant", "completed", 100, 99, domain.CodeConflict},
		{"relevant", "completed", 100, 0, domain.CodeConflict},
		{"relevant", "completed", 100, 101, domain.CodeConflict},
		{"relevant", "cancelled", 40, 40, domain.CodeConflict},
		{"relevant", "cancelled", 40, 100, domain.CodeConflict},
		{"open", "", 0, 50, domain.CodeConflict},
		{"not_relevant", "", 40, 50, domain.CodeConflict},
		{"already_in_place", "", 40, 50, domain.CodeConflict},
	}
	for _, c := range cases {
		start := domain.Workflow{Relevance: c.relevance, Status: c.status, Progress: c.start, Support: domain.SupportNone}
		got, err := start.SetProgress(c.p)
		field := ""
		if c.want == domain.CodeInvalid {
			field = "progress"
		}
		checkErr(t, err, c.want, field)
		wantState := start
		if c.want == ok {
			wantState.Progress = c.p
		}
		if got != wantState {
			t.Fatalf("%s/%s SetProgress(%d) = %+v, want %+v", c.relevance, c.status, c.p, got, wantState)
		}
	}
}

func TestSetProgressMessages(t *testing.T) {
	_, err := statusStart(domain.StatusPlanned).SetProgress(101)
	checkMessage(t, err, "Der Fortschritt muss zwischen 0 und 100 % liegen (angegeben: 101). Bitte korrigieren Sie den Wert.")
	_, err = statusStart(domain.StatusCompleted).SetProgress(80)
	checkMessage(t, err, "Die Maßnahme ist „umgesetzt“; der Fortschritt bleibt bei 100 %.")
}
