package domain

// SupportChoices are the support steps a viewer is offered on an
// implementation: whether they may ask for support now, and which answers
// they may give. The workflow's transition table decides; the pages only
// show the result.
type SupportChoices struct {
	// MayRequest: the viewer may ask, whatever the state (to explain a wait).
	MayRequest bool
	// CanRequest: the viewer may ask and the current state allows a request.
	CanRequest bool
	// Answers are the answers the viewer may give from the current state.
	Answers []Support
}

// SupportAnswers are the answers the KI can give to a request.
var SupportAnswers = []Support{SupportAccepted, SupportDeclined, SupportDone}

// ChoicesOf lists the support steps open to a viewer who may request
// (mayRequest) and answer (mayAnswer) support on impl as it is now.
func ChoicesOf(impl Implementation, mayRequest, mayAnswer bool) SupportChoices {
	c := SupportChoices{MayRequest: mayRequest}
	w := impl.Workflow()
	if mayRequest {
		c.CanRequest = w.checkSupportChange(SupportRequested) == nil
	}
	if mayAnswer {
		for _, to := range SupportAnswers {
			if w.checkSupportChange(to) == nil {
				c.Answers = append(c.Answers, to)
			}
		}
	}
	return c
}
