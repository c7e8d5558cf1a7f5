package api

import (
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// ImplementationPatch holds the fields to change; a field left out stays as
// it is. Dates are "YYYY-MM-DD", "" clears one.
type ImplementationPatch struct {
	Relevance      *string       `json:"relevance,omitempty" enum:"open,relevant,not_relevant,already_in_place"`
	RelevanceNote  *string       `json:"relevance_note,omitempty" maxLength:"20000"`
	Status         *string       `json:"status,omitempty" enum:"planned,in_progress,on_hold,completed,cancelled"`
	StatusNote     *string       `json:"status_note,omitempty" maxLength:"20000" doc:"Begründung zur Statusänderung (beim Abbruch Pflicht)"`
	Progress       *int          `json:"progress,omitempty" minimum:"0" maximum:"100"`
	ResponsibleOrg *string       `json:"responsible_org,omitempty" maxLength:"1000"`
	Contact        *ContactPatch `json:"contact,omitempty"`
	StartOn        *string       `json:"start_on,omitempty" maxLength:"10" doc:"YYYY-MM-DD oder leer"`
	DueOn          *string       `json:"due_on,omitempty" maxLength:"10" doc:"YYYY-MM-DD oder leer"`
	DueReason      *string       `json:"due_reason,omitempty" maxLength:"8000" doc:"Grund, wenn due_on nach hinten verschoben wird (dann Pflicht)"`
	Continuous     *bool         `json:"continuous,omitempty"`
}

// ContactPatch sets who to ask: a role mailbox, or a person's name with
// their recorded consent.
type ContactPatch struct {
	Value   string `json:"value" maxLength:"1000"`
	Person  bool   `json:"person,omitempty"`
	Consent bool   `json:"consent,omitempty" doc:"Die Person hat der Nennung zugestimmt"`
}

// update turns the patch into the use case's command; the workflow rules
// are the use case's, not checked here.
func (p ImplementationPatch) update() (domain.ImplementationUpdate, error) {
	u := domain.ImplementationUpdate{RelevanceNote: p.RelevanceNote, StatusNote: p.StatusNote, Progress: p.Progress,
		ResponsibleOrg: p.ResponsibleOrg, Continuous: p.Continuous, DueReason: p.DueReason}
	if p.Relevance != nil {
		r := domain.Relevance(*p.Relevance)
		u.Relevance = &r
	}
	if p.Status != nil {
		s := domain.Status(*p.Status)
		u.Status = &s
	}
	if p.Contact != nil {
		u.Contact = &domain.ContactUpdate{Value: p.Contact.Value, Person: p.Contact.Person, Consent: p.Contact.Consent}
	}
	var err error
	if u.StartOn, err = dateChange(p.StartOn, domain.FieldStartOn); err != nil {
		return u, err
	}
	u.DueOn, err = dateChange(p.DueOn, domain.FieldDueOn)
	return u, err
}

func dateChange(s *string, field string) (*domain.DateChange, error) {
	if s == nil {
		return nil, nil
	}
	if *s == "" {
		return &domain.DateChange{}, nil
	}
	on, err := parseDate(*s, field)
	return &domain.DateChange{On: on}, err
}

func parseDate(s, field string) (*time.Time, error) {
	on, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, domain.Keyed(domain.CodeInvalid, field, "api.date", "date not in YYYY-MM-DD")
	}
	return &on, nil
}
