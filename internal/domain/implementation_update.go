package domain

import (
	"errors"
	"regexp"
	"time"
)

// Form field names of an implementation's tracking data, for *Error.Field.
const (
	FieldResponsibleOrg = "responsible_org"
	FieldContact        = "contact"
	FieldContactConsent = "contact_consent"
	FieldStartOn        = "start_on"
	FieldDueOn          = "due_on"
)

// ImplementationUpdate is a change of one implementation's editable fields.
// A nil field leaves the stored value as it is: the edit form sets every
// field, an API client only those it sends.
type ImplementationUpdate struct {
	// Relevance and RelevanceNote go through the relevance decision; the
	// note is the reason (not relevant) or description (already in place).
	Relevance     *Relevance
	RelevanceNote *string
	// Status is changed through the workflow; StatusNote is the reason given
	// with that change (required when cancelling) and is read only with it.
	Status     *Status
	StatusNote *string
	Progress   *int

	ResponsibleOrg *string
	Contact        *ContactUpdate
	StartOn        *DateChange
	DueOn          *DateChange
	Continuous     *bool
}

// ContactUpdate is who to ask about an implementation: a role mailbox (the
// rule) or a person's name, which may be stored only with their consent.
type ContactUpdate struct {
	Value   string
	Person  bool
	Consent bool
}

// DateChange sets an optional date, or clears it when On is nil.
type DateChange struct {
	On *time.Time
}

// mailbox is the shape of an e-mail address: something@domain.tld, no blanks.
var mailbox = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Apply runs the update through the workflow rules, starting from cur:
// relevance first (it decides whether a status exists), then status, then
// progress; then it sets responsibility, contact and dates. now stamps a
// newly given consent. The problems with responsibility, contact and dates
// are reported all at once (errors.Join of field errors); a refusal of the
// workflow is reported alone, at its field.
func (u ImplementationUpdate) Apply(cur Implementation, now time.Time) (Implementation, error) {
	next := u.tracking(cur, now)
	if err := u.validate(next); err != nil {
		return cur, err
	}
	w, err := u.workflow(cur.Workflow())
	if err != nil {
		return cur, err
	}
	return next.WithWorkflow(w), nil
}

// workflow applies relevance, status and progress to w.
func (u ImplementationUpdate) workflow(w Workflow) (Workflow, error) {
	var err error
	rel, note := w.Relevance, w.RelevanceNote
	if u.Relevance != nil {
		rel = *u.Relevance
	}
	if u.RelevanceNote != nil {
		note = *u.RelevanceNote
	}
	if rel != w.Relevance || (rel != RelevanceRelevant && CleanText(note) != w.RelevanceNote) {
		if w, err = w.DecideRelevance(rel, note); err != nil {
			return w, AtField(err, FieldRelevance)
		}
	}
	if w.Relevance == RelevanceRelevant && u.Status != nil && *u.Status != "" && *u.Status != w.Status {
		statusNote := ""
		if u.StatusNote != nil {
			statusNote = *u.StatusNote
		}
		if w, err = w.ChangeStatus(*u.Status, statusNote); err != nil {
			return w, AtField(err, FieldStatus)
		}
	}
	if w.Relevance == RelevanceRelevant && u.Progress != nil && *u.Progress != w.Progress {
		if w, err = w.SetProgress(*u.Progress); err != nil {
			return w, AtField(err, FieldProgress)
		}
	}
	return w, nil
}

// tracking copies responsibility, contact and dates into a copy of cur. A
// person's consent keeps its time while the same person stays the contact.
func (u ImplementationUpdate) tracking(cur Implementation, now time.Time) Implementation {
	next := cur
	if u.ResponsibleOrg != nil {
		next.ResponsibleOrg = CleanText(*u.ResponsibleOrg)
	}
	if c := u.Contact; c != nil {
		next.Contact = CleanText(c.Value)
		next.ContactIsPerson = c.Person && next.Contact != ""
		next.ContactConsentAt = nil
		switch {
		case !next.ContactIsPerson, !c.Consent:
		case cur.ContactIsPerson && cur.Contact == next.Contact && cur.ContactConsentAt != nil:
			next.ContactConsentAt = cur.ContactConsentAt
		default:
			stamp := now.UTC().Truncate(time.Second)
			next.ContactConsentAt = &stamp
		}
	}
	if u.StartOn != nil {
		next.StartOn = u.StartOn.On
	}
	if u.DueOn != nil {
		next.DueOn = u.DueOn.On
	}
	if u.Continuous != nil {
		next.Continuous = *u.Continuous
	}
	return next
}

// validate checks the tracking fields of the implementation as it would be
// saved; the fields the update leaves alone were valid when stored.
func (u ImplementationUpdate) validate(next Implementation) error {
	var errs []error
	if TooLong(next.ResponsibleOrg, MaxResponsibleOrgLen) {
		errs = append(errs, Keyed(CodeInvalid, FieldResponsibleOrg, "implementation.error.responsibleOrgTooLong",
			"Die verantwortliche Stelle darf höchstens 200 Zeichen lang sein. Bitte kürzen Sie sie."))
	}
	if c := u.Contact; c != nil {
		if err := checkContact(next.Contact, c); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case next.Continuous && next.DueOn != nil:
		errs = append(errs, Keyed(CodeInvalid, FieldDueOn, "implementation.error.continuousDue",
			"Eine Daueraufgabe hat kein Fälligkeitsdatum. Bitte leeren Sie das Feld oder entfernen Sie das Häkchen bei „Daueraufgabe“."))
	case next.StartOn != nil && next.DueOn != nil && next.DueOn.Before(*next.StartOn):
		errs = append(errs, Keyed(CodeInvalid, FieldDueOn, "implementation.error.dueBeforeStart",
			"Das Fälligkeitsdatum darf nicht vor dem Beginn liegen. Bitte korrigieren Sie eines der beiden Daten."))
	}
	return errors.Join(errs...)
}

// checkContact checks a contact (cleaned) as the update gives it.
func checkContact(contact string, c *ContactUpdate) error {
	switch {
	case TooLong(contact, MaxContactLen):
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactTooLong",
			"Der Kontakt darf höchstens 320 Zeichen lang sein. Bitte kürzen Sie ihn.")
	case !c.Person && contact != "" && !mailbox.MatchString(contact):
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactMailbox",
			"Bitte geben Sie das Funktionspostfach als E-Mail-Adresse an, z. B. integration@duelmen.de – oder wählen Sie „Person“.")
	case c.Person && contact == "":
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactPersonMissing",
			"Bitte geben Sie den Namen der Person an – oder wählen Sie „Funktionspostfach“.")
	case c.Person && !c.Consent:
		return Keyed(CodeInvalid, FieldContactConsent, "implementation.error.consentMissing",
			"Der Name einer Person darf nur mit ihrer Einwilligung gespeichert werden. Bitte bestätigen Sie die Einwilligung oder geben Sie ein Funktionspostfach an.")
	}
	return nil
}
