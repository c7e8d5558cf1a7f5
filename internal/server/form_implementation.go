package server

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// implementationForm is what the edit form sends, kept as typed so that a
// refused form comes back exactly as the user left it.
type implementationForm struct {
	Version       string
	Relevance     string
	RelevanceNote string
	Status        string
	StatusNote    string
	Progress      string
}

func readImplementationForm(c *gin.Context) implementationForm {
	return implementationForm{
		Version:       c.PostForm("version"),
		Relevance:     c.PostForm("relevance"),
		RelevanceNote: c.PostForm("relevance_note"),
		Status:        c.PostForm("status"),
		StatusNote:    c.PostForm("status_note"),
		Progress:      strings.TrimSpace(c.PostForm("progress")),
	}
}

// formOf fills the form with an implementation's current values.
func formOf(i domain.Implementation) implementationForm {
	return implementationForm{
		Version: strconv.Itoa(i.Version), Relevance: string(i.Relevance), RelevanceNote: i.RelevanceNote,
		Status: string(i.Status), StatusNote: i.StatusNote, Progress: strconv.Itoa(i.Progress),
	}
}

// apply runs the form through the workflow rules, starting from the current
// implementation: relevance first (it decides whether a status exists), then
// status, then progress. The first refusal is returned with its field.
func (f implementationForm) apply(cur domain.Implementation) (domain.Implementation, error) {
	w := workflowOf(cur)
	var err error
	rel := domain.Relevance(f.Relevance)
	if rel != cur.Relevance || (rel != domain.RelevanceRelevant && strings.TrimSpace(f.RelevanceNote) != cur.RelevanceNote) {
		if w, err = w.DecideRelevance(rel, f.RelevanceNote); err != nil {
			return cur, err
		}
	}
	if w.Relevance == domain.RelevanceRelevant && f.Status != "" && domain.Status(f.Status) != w.Status {
		if w, err = w.ChangeStatus(domain.Status(f.Status), f.StatusNote); err != nil {
			return cur, err
		}
	}
	if w.Relevance == domain.RelevanceRelevant && f.Progress != strconv.Itoa(w.Progress) {
		p, convErr := strconv.Atoi(f.Progress)
		if convErr != nil {
			return cur, domain.FieldError(domain.FieldProgress, "Bitte geben Sie den Fortschritt als ganze Zahl zwischen 0 und 100 ein.")
		}
		if w, err = w.SetProgress(p); err != nil {
			return cur, err
		}
	}
	return withWorkflow(cur, w), nil
}

func workflowOf(i domain.Implementation) domain.Workflow {
	return domain.Workflow{Relevance: i.Relevance, RelevanceNote: i.RelevanceNote, Status: i.Status,
		StatusNote: i.StatusNote, Progress: i.Progress, Support: i.Support,
		SupportRequest: i.SupportRequest, SupportResponse: i.SupportResponse}
}

func withWorkflow(i domain.Implementation, w domain.Workflow) domain.Implementation {
	i.Relevance, i.RelevanceNote, i.Status, i.StatusNote, i.Progress = w.Relevance, w.RelevanceNote, w.Status, w.StatusNote, w.Progress
	i.Support, i.SupportRequest, i.SupportResponse = w.Support, w.SupportRequest, w.SupportResponse
	return i
}
