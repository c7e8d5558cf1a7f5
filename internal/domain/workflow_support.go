package domain

import (
	"fmt"
	"slices"
)

// supportTransitions lists, per support state, the states it may change to.
// A new request is possible once the previous one is answered negatively or
// finished, so a municipality can ask again without the old case being lost
// from the audit log.
var supportTransitions = map[Support][]Support{
	SupportNone:      {SupportRequested},
	SupportRequested: {SupportAccepted, SupportDeclined},
	SupportAccepted:  {SupportDone},
	SupportDeclined:  {SupportRequested},
	SupportDone:      {SupportRequested},
}

// RequestSupport asks the KI for help. The text says what help is needed; a
// new request replaces the previous request and clears its answer.
func (w Workflow) RequestSupport(text string) (Workflow, error) {
	if err := w.checkSupportChange(SupportRequested); err != nil {
		return w, err
	}
	text, err := requireText(FieldSupportRequest, text, MaxSupportTextLen, "error.workflow.supportRequestMissing",
		"support request text missing")
	if err != nil {
		return w, err
	}
	next := w
	next.Support = SupportRequested
	next.SupportRequest = text
	next.SupportResponse = ""
	return next, nil
}

// AnswerSupport records the KI's answer: accepted, declined (reason required)
// or done. Marking done without a text keeps the answer given on acceptance,
// because that is usually what the municipality needs to read later.
func (w Workflow) AnswerSupport(to Support, reason string) (Workflow, error) {
	if to != SupportAccepted && to != SupportDeclined && to != SupportDone {
		return w, Keyed(CodeInvalid, FieldSupport, "error.workflow.supportAnswerInvalid",
			fmt.Sprintf("unknown support answer %q", to),
			"AcceptedSupport", SupportAccepted, "DeclinedSupport", SupportDeclined, "DoneSupport", SupportDone)
	}
	if err := w.checkSupportChange(to); err != nil {
		return w, err
	}
	text, err := supportResponse(to, reason)
	if err != nil {
		return w, err
	}
	next := w
	next.Support = to
	if text != "" || to != SupportDone {
		next.SupportResponse = text
	}
	return next, nil
}

func supportResponse(to Support, reason string) (string, error) {
	if to == SupportDeclined {
		return requireText(FieldSupportResponse, reason, MaxSupportTextLen, "error.workflow.reasonDeclined",
			"reason for declined missing")
	}
	return cleanText(FieldSupportResponse, reason, MaxSupportTextLen)
}

// checkSupportChange refuses a support change the table does not allow and
// says which steps are possible instead.
func (w Workflow) checkSupportChange(to Support) error {
	allowed := supportTransitions[w.Support]
	switch {
	case slices.Contains(allowed, to):
		return nil
	case w.Support == SupportRequested && to == SupportRequested:
		return Keyed(CodeConflict, "", "error.workflow.supportOpen",
			"a support request is open already")
	case w.Support == to:
		return Keyed(CodeConflict, "", "error.workflow.supportUnchanged",
			fmt.Sprintf("support is %s already", to), "Support", to)
	case len(allowed) == 0:
		// Only reachable with an inconsistent stored state.
		return Keyed(CodeConflict, "", "error.workflow.supportCorrupt", "stored support state is inconsistent")
	}
	return Keyed(CodeConflict, "", "error.workflow.supportNotAllowed",
		fmt.Sprintf("support %s cannot change to %s (allowed: %s)", w.Support, to, joinIDs(allowed)),
		"FromSupport", w.Support, "ToSupport", to, "AllowedSupports", joinIDs(allowed))
}
