package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// Contact kinds the edit form offers: a role mailbox is the rule, a person's
// name needs that person's consent.
const (
	contactMailbox = "mailbox"
	contactPerson  = "person"
)

// implementationForm is what the edit form sends, kept as typed so that a
// refused form comes back exactly as the user left it.
type implementationForm struct {
	Version        string
	Relevance      string
	RelevanceNote  string
	Status         string
	StatusNote     string
	Progress       string
	ResponsibleOrg string
	ContactKind    string
	Contact        string
	ContactConsent bool
	StartOn        string
	DueOn          string
	DueReason      string
	Continuous     bool
}

func readImplementationForm(c *gin.Context) implementationForm {
	return implementationForm{
		Version:        c.PostForm("version"),
		Relevance:      c.PostForm("relevance"),
		RelevanceNote:  c.PostForm("relevance_note"),
		Status:         c.PostForm("status"),
		StatusNote:     c.PostForm("status_note"),
		Progress:       strings.TrimSpace(c.PostForm("progress")),
		ResponsibleOrg: c.PostForm("responsible_org"),
		ContactKind:    c.PostForm("contact_kind"),
		Contact:        c.PostForm("contact"),
		ContactConsent: c.PostForm("contact_consent") == "yes",
		StartOn:        strings.TrimSpace(c.PostForm("start_on")),
		DueOn:          strings.TrimSpace(c.PostForm("due_on")),
		DueReason:      c.PostForm("due_reason"),
		Continuous:     c.PostForm("continuous") == "yes",
	}
}

// formOf fills the form with an implementation's current values.
func formOf(i domain.Implementation) implementationForm {
	kind := contactMailbox
	if i.ContactIsPerson {
		kind = contactPerson
	}
	return implementationForm{
		Version: strconv.Itoa(i.Version), Relevance: string(i.Relevance), RelevanceNote: i.RelevanceNote,
		Status: string(i.Status), StatusNote: i.StatusNote, Progress: strconv.Itoa(i.Progress),
		ResponsibleOrg: i.ResponsibleOrg, ContactKind: kind, Contact: i.Contact,
		ContactConsent: i.ContactIsPerson && i.ContactConsentAt != nil,
		StartOn:        isoDateOf(i.StartOn), DueOn: isoDateOf(i.DueOn), Continuous: i.Continuous,
	}
}

// update reads the form into the change it asks for: every field is set,
// the edit form shows them all. What cannot be read (a progress that is no
// number, an impossible date, an unknown contact kind) comes back as field →
// message id; whether the values are allowed is the use case's to decide.
func (f implementationForm) update() (domain.ImplementationUpdate, map[string]string) {
	errs := map[string]string{}
	rel, status := domain.Relevance(f.Relevance), domain.Status(f.Status)
	u := domain.ImplementationUpdate{Relevance: &rel, RelevanceNote: &f.RelevanceNote,
		StatusNote: &f.StatusNote, ResponsibleOrg: &f.ResponsibleOrg, Continuous: &f.Continuous, DueReason: &f.DueReason}
	if f.Status != "" {
		u.Status = &status
	}
	if f.Progress != "" {
		p, err := strconv.Atoi(f.Progress)
		if err != nil {
			errs[domain.FieldProgress] = "implementation.error.progressNumber"
		}
		u.Progress = &p
	}
	if f.ContactKind != contactMailbox && f.ContactKind != contactPerson {
		errs["contact_kind"] = "implementation.error.contactKind"
	}
	u.Contact = &domain.ContactUpdate{Value: f.Contact, Person: f.ContactKind == contactPerson, Consent: f.ContactConsent}
	for _, d := range []struct {
		field, value string
		dst          **domain.DateChange
	}{{domain.FieldStartOn, f.StartOn, &u.StartOn}, {domain.FieldDueOn, f.DueOn, &u.DueOn}} {
		on, ok := parseFormDate(d.value)
		if !ok {
			errs[d.field] = "implementation.error.date"
		}
		*d.dst = &domain.DateChange{On: on}
	}
	return u, errs
}

// parseFormDate reads the value of an <input type="date"> (YYYY-MM-DD); a
// browser without a date picker shows a text field, so the German way of
// writing a date (25.11.2026) is accepted too. An empty value is no date.
// Years outside 1900–2999 are refused as typing mistakes, and so that the
// database never sees a date it cannot hold.
func parseFormDate(s string) (*time.Time, bool) {
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{time.DateOnly, "2.1.2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return &d, d.Year() >= 1900 && d.Year() <= 2999
		}
	}
	return nil, false
}

// isoDateOf is the value of an <input type="date"> for an optional date.
func isoDateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
