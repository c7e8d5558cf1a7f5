package server

import "github.com/planwerk/planwerk/internal/domain"

// A refused form comes back with what the user typed, but never with more of
// a value than its field holds. The browser's maxlength keeps people within
// it, so anything longer was sent by a script; echoing it in full would let
// one request make its answer as large as its body. Validation sees the full
// value; only what is shown again is cut, in the render functions.

const (
	maxDateEcho   = len("2006-01-02")
	maxNumberEcho = 20 // digits of an int64: ids and versions
	// Progress is typed as text where the browser offers no number field:
	// "viel" comes back as typed, with the message beside it.
	maxProgressEcho = maxNumberEcho
	maxChoiceEcho   = 40 // the value of a select or radio group
)

// echo is s cut to at most n characters.
func echo(s string, n int) string {
	if len(s) <= n { // bytes bound characters
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}

func (f needForm) echo() needForm {
	f.Title = echo(f.Title, domain.MaxNeedTitleLen)
	f.Description = echo(f.Description, domain.MaxNeedDescriptionLen)
	return f
}

func (f needChangeForm) echo() needChangeForm {
	f.Status = echo(f.Status, maxChoiceEcho)
	f.MeasureID = echo(f.MeasureID, maxNumberEcho)
	return f
}

func (f localMeasureForm) echo() localMeasureForm {
	f.GoalID = echo(f.GoalID, maxNumberEcho)
	f.Title = echo(f.Title, domain.MaxMeasureTitleLen)
	f.Description = echo(f.Description, domain.MaxMeasureDescriptionLen)
	return f
}

func (f trackingForms) echo() trackingForms {
	f.MilestoneTitle = echo(f.MilestoneTitle, domain.MaxMilestoneTitleLen)
	f.DueOn = echo(f.DueOn, maxDateEcho)
	f.CommentBody = echo(f.CommentBody, domain.MaxCommentLen)
	return f
}

func (f supportForm) echo() supportForm {
	f.Version = echo(f.Version, maxNumberEcho)
	f.Request = echo(f.Request, domain.MaxSupportTextLen)
	f.Decision = echo(f.Decision, maxChoiceEcho)
	f.Reason = echo(f.Reason, domain.MaxSupportTextLen)
	return f
}

func (f implementationForm) echo() implementationForm {
	f.Version = echo(f.Version, maxNumberEcho)
	f.Relevance = echo(f.Relevance, maxChoiceEcho)
	f.RelevanceNote = echo(f.RelevanceNote, domain.MaxRelevanceNoteLen)
	f.Status = echo(f.Status, maxChoiceEcho)
	f.StatusNote = echo(f.StatusNote, domain.MaxRelevanceNoteLen)
	f.Progress = echo(f.Progress, maxProgressEcho)
	f.ResponsibleOrg = echo(f.ResponsibleOrg, domain.MaxResponsibleOrgLen)
	f.ContactKind = echo(f.ContactKind, maxChoiceEcho)
	f.Contact = echo(f.Contact, domain.MaxContactLen)
	f.StartOn = echo(f.StartOn, maxDateEcho)
	f.DueOn = echo(f.DueOn, maxDateEcho)
	f.DueReason = echo(f.DueReason, domain.MaxPostponementReasonLen)
	return f
}

func (r reviewState) echo() reviewState {
	r.Relevance = echo(r.Relevance, maxChoiceEcho)
	r.Note = echo(r.Note, domain.MaxRelevanceNoteLen)
	return r
}
