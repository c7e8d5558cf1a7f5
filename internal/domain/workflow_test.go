package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// ok marks an allowed transition in the expectation tables.
const ok domain.Code = ""

// checkErr asserts that err is a *domain.Error with the given code and field
// (want == ok means no error at all).
func checkErr(t *testing.T, err error, want domain.Code, field string) {
	t.Helper()
	if want == ok {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var de *domain.Error
	if !errors.As(err, &de) {
		t.Fatalf("error = %v (%T), want *domain.Error with code %q", err, err, want)
	}
	if de.Code != want || de.Field != field {
		t.Fatalf("error code/field = %q/%q, want %q/%q (message %q)", de.Code, de.Field, want, field, de.Message)
	}
	if strings.TrimSpace(de.Message) == "" || de.Key == "" {
		t.Fatalf("error %q has no developer text or no message id", de.Code)
	}
}

// checkMessage asserts exactly what a German page says for err.
func checkMessage(t *testing.T, err error, want string) {
	t.Helper()
	if got := german(t, err); got != want {
		t.Fatalf("message = %q, want %q", got, want)
	}
}

func TestNewWorkflow(t *testing.T) {
	got := domain.NewWorkflow()
	want := domain.Workflow{Relevance: domain.RelevanceOpen, Support: domain.SupportNone}
	if got != want {
		t.Fatalf("NewWorkflow() = %+v, want %+v", got, want)
	}
}

// TestWorkflowLifecycle walks one implementation through a typical life and
// checks the whole state after every step.
func TestWorkflowLifecycle(t *testing.T) {
	w := domain.NewWorkflow()
	steps := []struct {
		name string
		do   func(domain.Workflow) (domain.Workflow, error)
		want domain.Workflow
	}{
		{"relevant", func(w domain.Workflow) (domain.Workflow, error) {
			return w.DecideRelevance(domain.RelevanceRelevant, "")
		},
			domain.Workflow{Relevance: "relevant", Status: "planned", Support: "none"}},
		{"start", func(w domain.Workflow) (domain.Workflow, error) { return w.ChangeStatus(domain.StatusInProgress, "") },
			domain.Workflow{Relevance: "relevant", Status: "in_progress", Support: "none"}},
		{"progress", func(w domain.Workflow) (domain.Workflow, error) { return w.SetProgress(60) },
			domain.Workflow{Relevance: "relevant", Status: "in_progress", Progress: 60, Support: "none"}},
		{"ask KI", func(w domain.Workflow) (domain.Workflow, error) { return w.RequestSupport(" Referent gesucht ") },
			domain.Workflow{Relevance: "relevant", Status: "in_progress", Progress: 60, Support: "requested", SupportRequest: "Referent gesucht"}},
		{"KI accepts", func(w domain.Workflow) (domain.Workflow, error) {
			return w.AnswerSupport(domain.SupportAccepted, "Termin am 3.5.")
		},
			domain.Workflow{Relevance: "relevant", Status: "in_progress", Progress: 60, Support: "accepted", SupportRequest: "Referent gesucht", SupportResponse: "Termin am 3.5."}},
		{"complete", func(w domain.Workflow) (domain.Workflow, error) { return w.ChangeStatus(domain.StatusCompleted, "") },
			domain.Workflow{Relevance: "relevant", Status: "completed", Progress: 100, Support: "accepted", SupportRequest: "Referent gesucht", SupportResponse: "Termin am 3.5."}},
		{"revise", func(w domain.Workflow) (domain.Workflow, error) {
			return w.DecideRelevance(domain.RelevanceAlreadyInPlace, "Läuft über den Kreis")
		},
			domain.Workflow{Relevance: "already_in_place", RelevanceNote: "Läuft über den Kreis", Progress: 100, Support: "accepted", SupportRequest: "Referent gesucht", SupportResponse: "Termin am 3.5."}},
	}
	for _, s := range steps {
		next, err := s.do(w)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if next != s.want {
			t.Fatalf("%s: state = %+v, want %+v", s.name, next, s.want)
		}
		w = next
	}
}

// TestWorkflowReceiverUnchanged guards the promise that a refused or accepted
// change never alters the value it was called on.
func TestWorkflowReceiverUnchanged(t *testing.T) {
	w := domain.Workflow{Relevance: domain.RelevanceRelevant, Status: domain.StatusInProgress, Progress: 10, Support: domain.SupportNone}
	before := w
	if _, err := w.ChangeStatus(domain.StatusCompleted, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SetProgress(50); err != nil {
		t.Fatal(err)
	}
	if _, err := w.DecideRelevance(domain.RelevanceNotRelevant, "Grund"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.RequestSupport("Hilfe"); err != nil {
		t.Fatal(err)
	}
	if w != before {
		t.Fatalf("receiver changed: %+v, want %+v", w, before)
	}
}

// TestTextLimits checks every limited text at the boundary. Runes are counted,
// so a text of "ä" (two bytes each) is measured by characters, and the
// surrounding blanks are trimmed before counting.
func TestTextLimits(t *testing.T) {
	relevant := domain.Workflow{Relevance: domain.RelevanceRelevant, Status: domain.StatusPlanned, Support: domain.SupportNone}
	requested := domain.Workflow{Relevance: domain.RelevanceOpen, Support: domain.SupportRequested}
	type change func(text string) (domain.Workflow, error)
	cases := []struct {
		name  string
		limit int
		field string
		do    change
	}{
		{"not relevant reason", 2000, "relevance_note", func(s string) (domain.Workflow, error) {
			return domain.NewWorkflow().DecideRelevance(domain.RelevanceNotRelevant, s)
		}},
		{"already in place description", 2000, "relevance_note", func(s string) (domain.Workflow, error) {
			return domain.NewWorkflow().DecideRelevance(domain.RelevanceAlreadyInPlace, s)
		}},
		{"relevant note", 2000, "relevance_note", func(s string) (domain.Workflow, error) {
			return domain.NewWorkflow().DecideRelevance(domain.RelevanceRelevant, s)
		}},
		{"cancel reason", 2000, "status_note", func(s string) (domain.Workflow, error) {
			return relevant.ChangeStatus(domain.StatusCancelled, s)
		}},
		{"on hold note", 2000, "status_note", func(s string) (domain.Workflow, error) {
			return relevant.ChangeStatus(domain.StatusOnHold, s)
		}},
		{"support request", 4000, "support_request", func(s string) (domain.Workflow, error) {
			return domain.NewWorkflow().RequestSupport(s)
		}},
		{"support accept", 4000, "support_response", func(s string) (domain.Workflow, error) {
			return requested.AnswerSupport(domain.SupportAccepted, s)
		}},
		{"support decline", 4000, "support_response", func(s string) (domain.Workflow, error) {
			return requested.AnswerSupport(domain.SupportDeclined, s)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			atLimit := strings.Repeat("ä", c.limit)
			_, err := c.do("  " + atLimit + "\n")
			checkErr(t, err, ok, "")
			_, err = c.do(atLimit + "ä")
			checkErr(t, err, domain.CodeInvalid, c.field)
		})
	}
}

func TestTextLimitMessage(t *testing.T) {
	_, err := domain.NewWorkflow().DecideRelevance(domain.RelevanceNotRelevant, strings.Repeat("x", 2001))
	checkMessage(t, err, "Der Text darf höchstens 2000 Zeichen lang sein (derzeit 2001). Bitte kürzen Sie ihn.")
}
