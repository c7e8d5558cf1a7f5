package api

import (
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// ImplementationSummary is one line of a municipality's implementations.
type ImplementationSummary struct {
	ID             int64         `json:"id"`
	Measure        Ref           `json:"measure"`
	Goal           Ref           `json:"goal"`
	Field          Ref           `json:"field" doc:"Handlungsfeld"`
	Relevance      string        `json:"relevance" enum:"open,relevant,not_relevant,already_in_place"`
	Status         string        `json:"status,omitempty" enum:"planned,in_progress,on_hold,completed,cancelled" doc:"Nur bei relevanten Maßnahmen"`
	Progress       int           `json:"progress" minimum:"0" maximum:"100"`
	Continuous     bool          `json:"continuous" doc:"Daueraufgabe ohne Fälligkeit"`
	StartOn        *string       `json:"start_on,omitempty" format:"date"`
	DueOn          *string       `json:"due_on,omitempty" format:"date"`
	Postponement   *Postponement `json:"postponement,omitempty" doc:"Nur wenn due_on schon einmal nach hinten verschoben wurde"`
	Support        string        `json:"support" enum:"none,requested,accepted,declined,done"`
	LastUpdateOn   *string       `json:"last_update_on,omitempty" format:"date" doc:"Datum der letzten Sachstandsmeldung"`
	ResponsibleOrg string        `json:"responsible_org"`
	Version        int           `json:"version" doc:"Zugleich das ETag der Umsetzung"`
	UpdatedAt      string        `json:"updated_at" format:"date-time"`
}

// Postponement says that and why a due date moved later.
type Postponement struct {
	OriginalDueOn string `json:"original_due_on" format:"date" doc:"Fälligkeit vor der ersten Verschiebung"`
	Count         int    `json:"count" minimum:"1"`
	LastOn        string `json:"last_on" format:"date" doc:"Tag der letzten Verschiebung"`
	Reason        string `json:"reason" doc:"Grund der letzten Verschiebung (leer bei Verschiebungen vor der Begründungspflicht)"`
}

func postponementOf(i domain.Implementation) *Postponement {
	if i.Postponements == 0 || i.OriginalDueOn == nil || i.LastPostponedOn == nil {
		return nil
	}
	return &Postponement{OriginalDueOn: *date(i.OriginalDueOn), Count: i.Postponements, LastOn: *date(i.LastPostponedOn),
		Reason: i.PostponementReason}
}

// Ref names a measure, goal or action field.
type Ref struct {
	ID    int64  `json:"id"`
	Code  string `json:"code"`
	Title string `json:"title"`
}

// Implementation is one implementation with its records.
type Implementation struct {
	ImplementationSummary
	RelevanceNote   string            `json:"relevance_note"`
	StatusNote      string            `json:"status_note"`
	Contact         *Contact          `json:"contact,omitempty" doc:"Nur für Rollen, die Kontaktdaten lesen dürfen"`
	ProgressReports []ProgressReport  `json:"progress_reports"`
	Milestones      []MilestoneOutput `json:"milestones"`
}

// Contact is who to ask about an implementation.
type Contact struct {
	Value    string `json:"value"`
	IsPerson bool   `json:"is_person" doc:"Name einer Person statt eines Funktionspostfachs"`
}

// ProgressReport (Sachstandsmeldung) with the status and progress it recorded.
type ProgressReport struct {
	ID         int64  `json:"id"`
	ReportedOn string `json:"reported_on" format:"date"`
	Body       string `json:"body"`
	Status     string `json:"status,omitempty"`
	Progress   int    `json:"progress"`
	Author     string `json:"author"`
	CreatedAt  string `json:"created_at" format:"date-time"`
}

// MilestoneOutput is a milestone of an implementation.
type MilestoneOutput struct {
	ID     int64   `json:"id"`
	Title  string  `json:"title"`
	DueOn  *string `json:"due_on,omitempty" format:"date"`
	Done   bool    `json:"done"`
	DoneOn *string `json:"done_on,omitempty" format:"date"`
}

func date(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func summaryOf(w domain.WorkspaceItem) ImplementationSummary {
	i := w.Implementation
	return ImplementationSummary{ID: i.ID, Measure: Ref{ID: i.MeasureID, Code: w.MeasureCode, Title: w.MeasureTitle},
		Goal: Ref{ID: w.GoalID, Code: w.GoalCode, Title: w.GoalTitle}, Field: Ref{ID: w.FieldID, Code: w.FieldCode, Title: w.FieldTitle},
		Relevance: string(i.Relevance), Status: string(i.Status), Progress: i.Progress, Continuous: i.Continuous,
		StartOn: date(i.StartOn), DueOn: date(i.DueOn), Postponement: postponementOf(i), Support: string(i.Support),
		LastUpdateOn:   date(i.LastUpdateOn),
		ResponsibleOrg: i.ResponsibleOrg, Version: i.Version, UpdatedAt: instant(i.UpdatedAt)}
}

// implementationOf is the full representation; withContact as the reader's
// permissions allow (contact, read), as on the page.
func implementationOf(d domain.ImplementationDetail, r domain.ImplementationRecords, withContact bool) Implementation {
	out := Implementation{ImplementationSummary: summaryOf(d.WorkspaceItem), RelevanceNote: d.RelevanceNote,
		StatusNote: d.StatusNote, ProgressReports: []ProgressReport{}, Milestones: []MilestoneOutput{}}
	if withContact && d.Contact != "" {
		out.Contact = &Contact{Value: d.Contact, IsPerson: d.ContactIsPerson}
	}
	for _, p := range r.Reports {
		out.ProgressReports = append(out.ProgressReports, reportOf(p.ProgressUpdate, p.AuthorName))
	}
	for _, m := range r.Milestones {
		out.Milestones = append(out.Milestones, MilestoneOutput{ID: m.ID, Title: m.Title, DueOn: date(m.DueOn),
			Done: m.Done, DoneOn: date(m.DoneOn)})
	}
	return out
}

func reportOf(p domain.ProgressUpdate, author string) ProgressReport {
	return ProgressReport{ID: p.ID, ReportedOn: p.ReportedOn.Format(time.DateOnly), Body: p.Body,
		Status: string(p.Status), Progress: p.Progress, Author: author, CreatedAt: instant(p.CreatedAt)}
}
