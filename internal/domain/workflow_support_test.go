package domain_test

import (
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// supportRules is the expected outcome of every support change, written out
// by hand from DESIGN.md §2. Nothing leads back to "none": AnswerSupport
// refuses it as an answer that does not exist (invalid input).
var supportRules = map[[2]domain.Support]domain.Code{
	{"none", "none"}:      domain.CodeInvalid,
	{"none", "requested"}: ok,
	{"none", "accepted"}:  domain.CodeConflict,
	{"none", "declined"}:  domain.CodeConflict,
	{"none", "done"}:      domain.CodeConflict,

	{"requested", "none"}:      domain.CodeInvalid,
	{"requested", "requested"}: domain.CodeConflict,
	{"requested", "accepted"}:  ok,
	{"requested", "declined"}:  ok,
	{"requested", "done"}:      domain.CodeConflict,

	{"accepted", "none"}:      domain.CodeInvalid,
	{"accepted", "requested"}: domain.CodeConflict,
	{"accepted", "accepted"}:  domain.CodeConflict,
	{"accepted", "declined"}:  domain.CodeConflict,
	{"accepted", "done"}:      ok,

	{"declined", "none"}:      domain.CodeInvalid,
	{"declined", "requested"}: ok, // ask again
	{"declined", "accepted"}:  domain.CodeConflict,
	{"declined", "declined"}:  domain.CodeConflict,
	{"declined", "done"}:      domain.CodeConflict,

	{"done", "none"}:      domain.CodeInvalid,
	{"done", "requested"}: ok, // ask again
	{"done", "accepted"}:  domain.CodeConflict,
	{"done", "declined"}:  domain.CodeConflict,
	{"done", "done"}:      domain.CodeConflict,
}

// changeSupport routes a target state to the method that reaches it.
func changeSupport(w domain.Workflow, to domain.Support, text string) (domain.Workflow, error) {
	if to == domain.SupportRequested {
		return w.RequestSupport(text)
	}
	return w.AnswerSupport(to, text)
}

func supportStart(s domain.Support) domain.Workflow {
	return domain.Workflow{Relevance: domain.RelevanceRelevant, Status: domain.StatusPlanned,
		Support: s, SupportRequest: "alte Anfrage", SupportResponse: "alte Antwort"}
}

func TestSupportTransitions(t *testing.T) {
	for _, from := range domain.Supports {
		for _, to := range domain.Supports {
			want, listed := supportRules[[2]domain.Support{from, to}]
			if !listed {
				t.Fatalf("supportRules misses %s → %s", from, to)
			}
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				start := supportStart(from)
				got, err := changeSupport(start, to, " Text ")
				field := ""
				if want == domain.CodeInvalid {
					field = "support"
				}
				checkErr(t, err, want, field)
				wantState := start
				if want == ok {
					wantState.Support = to
					if to == domain.SupportRequested {
						wantState.SupportRequest, wantState.SupportResponse = "Text", ""
					} else {
						wantState.SupportResponse = "Text"
					}
				}
				if got != wantState {
					t.Fatalf("state = %+v, want %+v", got, wantState)
				}
			})
		}
	}
}

func TestSupportTextRequired(t *testing.T) {
	for _, text := range []string{"", "  ", "\n"} {
		_, err := supportStart(domain.SupportNone).RequestSupport(text)
		checkErr(t, err, domain.CodeInvalid, "support_request")
		checkMessage(t, err, "Bitte beschreiben Sie, wobei Sie Unterstützung benötigen.")

		_, err = supportStart(domain.SupportRequested).AnswerSupport(domain.SupportDeclined, text)
		checkErr(t, err, domain.CodeInvalid, "support_response")
		checkMessage(t, err, "Bitte geben Sie einen Grund an, warum die Unterstützung abgelehnt wird.")
	}
}

// Accepting and finishing need no text. Finishing without one keeps the
// answer given on acceptance; accepting without one clears the old answer.
func TestSupportOptionalText(t *testing.T) {
	accepted, err := supportStart(domain.SupportRequested).AnswerSupport(domain.SupportAccepted, "")
	checkErr(t, err, ok, "")
	if accepted.Support != domain.SupportAccepted || accepted.SupportResponse != "" {
		t.Fatalf("accepted = %+v, want accepted with empty response", accepted)
	}
	accepted.SupportResponse = "Zusage: Workshop im Mai"
	done, err := accepted.AnswerSupport(domain.SupportDone, "  ")
	checkErr(t, err, ok, "")
	if done.Support != domain.SupportDone || done.SupportResponse != "Zusage: Workshop im Mai" {
		t.Fatalf("done = %+v, want done keeping the acceptance text", done)
	}
}

func TestSupportMessages(t *testing.T) {
	_, err := supportStart(domain.SupportRequested).RequestSupport("noch einmal")
	checkMessage(t, err, "Es liegt bereits eine offene Anfrage vor. Bitte warten Sie die Antwort ab.")
	_, err = supportStart(domain.SupportAccepted).RequestSupport("noch einmal")
	checkMessage(t, err, "Im Stand „zugesagt“ kann die Unterstützung nicht auf „angefragt“ gesetzt werden. Möglich: „erledigt“.")
	_, err = supportStart(domain.SupportDone).AnswerSupport(domain.SupportDone, "")
	checkMessage(t, err, "Die Unterstützung ist bereits „erledigt“.")
	_, err = supportStart(domain.SupportRequested).AnswerSupport(domain.SupportRequested, "x")
	checkErr(t, err, domain.CodeInvalid, "support")
}
