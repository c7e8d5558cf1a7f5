package server

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	Continuous     bool

	// now stamps a newly given consent.
	now time.Time
}

func readImplementationForm(c *gin.Context, now time.Time) implementationForm {
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
		Continuous:     c.PostForm("continuous") == "yes",
		now:            now,
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

// mailbox is the shape of an e-mail address: something@domain.tld, no blanks.
var mailbox = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// validate checks the fields that need no workflow: responsibility, contact
// and dates. It returns field → message id, empty when all is well.
func (f implementationForm) validate() map[string]string {
	errs := map[string]string{}
	if utf8.RuneCountInString(cleanFormText(f.ResponsibleOrg)) > domain.MaxResponsibleOrgLen {
		errs["responsible_org"] = "implementation.error.responsibleOrgTooLong"
	}
	contact := cleanFormText(f.Contact)
	switch {
	case f.ContactKind != contactMailbox && f.ContactKind != contactPerson:
		errs["contact_kind"] = "implementation.error.contactKind"
	case utf8.RuneCountInString(contact) > domain.MaxContactLen:
		errs["contact"] = "implementation.error.contactTooLong"
	case f.ContactKind == contactMailbox && contact != "" && !mailbox.MatchString(contact):
		errs["contact"] = "implementation.error.contactMailbox"
	case f.ContactKind == contactPerson && contact == "":
		errs["contact"] = "implementation.error.contactPersonMissing"
	case f.ContactKind == contactPerson && !f.ContactConsent:
		errs["contact_consent"] = "implementation.error.consentMissing"
	}
	start, startOK := parseFormDate(f.StartOn)
	due, dueOK := parseFormDate(f.DueOn)
	if !startOK {
		errs["start_on"] = "implementation.error.date"
	}
	switch {
	case !dueOK:
		errs["due_on"] = "implementation.error.date"
	case f.Continuous && due != nil:
		errs["due_on"] = "implementation.error.continuousDue"
	case start != nil && due != nil && due.Before(*start):
		errs["due_on"] = "implementation.error.dueBeforeStart"
	}
	return errs
}

// apply runs the form through the workflow rules, starting from the current
// implementation: relevance first (it decides whether a status exists), then
// status, then progress; then it sets responsibility, contact and dates,
// which validate has checked. The first refusal is returned with its field.
func (f implementationForm) apply(cur domain.Implementation) (domain.Implementation, error) {
	w := workflowOf(cur)
	var err error
	rel := domain.Relevance(f.Relevance)
	if rel != cur.Relevance || (rel != domain.RelevanceRelevant && strings.TrimSpace(f.RelevanceNote) != cur.RelevanceNote) {
		if w, err = w.DecideRelevance(rel, f.RelevanceNote); err != nil {
			return cur, atField(err, domain.FieldRelevance)
		}
	}
	if w.Relevance == domain.RelevanceRelevant && f.Status != "" && domain.Status(f.Status) != w.Status {
		if w, err = w.ChangeStatus(domain.Status(f.Status), f.StatusNote); err != nil {
			return cur, atField(err, domain.FieldStatus)
		}
	}
	if w.Relevance == domain.RelevanceRelevant && f.Progress != strconv.Itoa(w.Progress) {
		p, convErr := strconv.Atoi(f.Progress)
		if convErr != nil {
			return cur, domain.Keyed(domain.CodeInvalid, domain.FieldProgress, "implementation.error.progressNumber",
				"Bitte geben Sie den Fortschritt als ganze Zahl zwischen 0 und 100 ein.")
		}
		if w, err = w.SetProgress(p); err != nil {
			return cur, atField(err, domain.FieldProgress)
		}
	}
	return f.applyTracking(cur, withWorkflow(cur, w)), nil
}

// applyTracking copies responsibility, contact and dates into next. A
// person's consent keeps its time while the same person stays the contact.
func (f implementationForm) applyTracking(cur, next domain.Implementation) domain.Implementation {
	next.ResponsibleOrg = cleanFormText(f.ResponsibleOrg)
	next.Contact = cleanFormText(f.Contact)
	next.ContactIsPerson = f.ContactKind == contactPerson && next.Contact != ""
	next.ContactConsentAt = nil
	if next.ContactIsPerson {
		if cur.ContactIsPerson && cur.Contact == next.Contact && cur.ContactConsentAt != nil {
			next.ContactConsentAt = cur.ContactConsentAt
		} else {
			now := f.now.UTC().Truncate(time.Second)
			next.ContactConsentAt = &now
		}
	}
	next.StartOn, _ = parseFormDate(f.StartOn)
	next.DueOn, _ = parseFormDate(f.DueOn)
	next.Continuous = f.Continuous
	return next
}

// atField attaches a refusal without a field of its own (a transition the
// workflow does not allow) to the field whose value caused it, so that the
// message shows beside that field.
func atField(err error, field string) error {
	var de *domain.Error
	if !errors.As(err, &de) || de.Field != "" {
		return err
	}
	withField := *de
	withField.Field = field
	return &withField
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

// cleanFormText normalises a text field: browsers send line breaks as CRLF,
// which would count twice against a limit; blanks around it are dropped.
func cleanFormText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
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

// tooLong reports whether a cleaned text exceeds max characters.
func tooLong(s string, max int) bool { return utf8.RuneCountInString(s) > max }
