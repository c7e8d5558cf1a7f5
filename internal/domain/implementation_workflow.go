package domain

import "errors"

// Workflow is the part of the implementation the workflow rules look at.
func (i Implementation) Workflow() Workflow {
	return Workflow{Relevance: i.Relevance, RelevanceNote: i.RelevanceNote, Status: i.Status,
		StatusNote: i.StatusNote, Progress: i.Progress, Support: i.Support,
		SupportRequest: i.SupportRequest, SupportResponse: i.SupportResponse}
}

// WithWorkflow is the implementation with the workflow state w.
func (i Implementation) WithWorkflow(w Workflow) Implementation {
	i.Relevance, i.RelevanceNote, i.Status, i.StatusNote, i.Progress = w.Relevance, w.RelevanceNote, w.Status, w.StatusNote, w.Progress
	i.Support, i.SupportRequest, i.SupportResponse = w.Support, w.SupportRequest, w.SupportResponse
	return i
}

// AtField attaches a refusal without a field of its own (a transition the
// workflow does not allow) to the field whose value caused it, so that a form
// shows the message beside that field.
func AtField(err error, field string) error {
	var de *Error
	if !errors.As(err, &de) || de.Field != "" {
		return err
	}
	withField := *de
	withField.Field = field
	return &withField
}
