package domain

import "time"

// Form field names of the milestone and comment forms.
const (
	FieldMilestoneTitle = "milestone_title"
	FieldCommentBody    = "comment_body"
)

// MilestoneKey names one milestone of one implementation; a milestone of
// another implementation is not found under it.
type MilestoneKey struct {
	Implementation ImplementationKey
	ID             int64
}

// NewMilestone is a step on the way to add to an implementation.
type NewMilestone struct {
	Title string
	DueOn *time.Time // optional
}

// Check cleans the milestone and checks its title: given, within
// MaxMilestoneTitleLen.
func (m NewMilestone) Check() (NewMilestone, error) {
	m.Title = CleanText(m.Title)
	switch {
	case m.Title == "":
		return m, Keyed(CodeInvalid, FieldMilestoneTitle, "implementation.error.milestoneMissing",
			"Bitte geben Sie dem Meilenstein einen Titel.")
	case TooLong(m.Title, MaxMilestoneTitleLen):
		return m, Keyed(CodeInvalid, FieldMilestoneTitle, "implementation.error.milestoneTooLong",
			"Der Titel darf höchstens 300 Zeichen lang sein. Bitte kürzen Sie ihn.")
	}
	return m, nil
}

// CheckComment cleans a comment and checks it: given, within MaxCommentLen.
func CheckComment(body string) (string, error) {
	body = CleanText(body)
	switch {
	case body == "":
		return body, Keyed(CodeInvalid, FieldCommentBody, "implementation.error.commentMissing",
			"Bitte schreiben Sie einen Kommentar.")
	case TooLong(body, MaxCommentLen):
		return body, Keyed(CodeInvalid, FieldCommentBody, "implementation.error.commentTooLong",
			"Der Kommentar darf höchstens 5000 Zeichen lang sein. Bitte kürzen Sie ihn.")
	}
	return body, nil
}
