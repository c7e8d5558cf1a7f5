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
	FieldDueReason      = "due_reason"
)

// MaxPostponementReasonLen is the longest reason for moving a due date.
const MaxPostponementReasonLen = 2000

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
	// DueReason says why the due date moves later; required then, ignored
	// otherwise.
	DueReason  *string
	Continuous *bool
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
	if err := u.validate(cur, next); err != nil {
		return cur, err
	}
	w, err := u.workflow(cur.Workflow())
	if err != nil {
		return cur, err
	}
	return decidedOn(cur, next.WithWorkflow(w), now), nil
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
	if Postponed(cur.DueOn, next.DueOn) {
		if next.OriginalDueOn == nil {
			next.OriginalDueOn = cur.DueOn
		}
		next.Postponements++
		today := Today(now)
		next.LastPostponedOn = &today
		next.PostponementReason = ""
		if u.DueReason != nil {
			next.PostponementReason = CleanText(*u.DueReason)
		}
	}
	return next
}

// Postponed reports whether a due date moves later. Setting a first due
// date, moving it earlier or removing it is no postponement.
func Postponed(from, to *time.Time) bool {
	return from != nil && to != nil && dateOf(*to).After(dateOf(*from))
}

// validate checks the tracking fields of the implementation as it would be
// saved; the fields the update leaves alone were valid when stored.
func (u ImplementationUpdate) validate(cur, next Implementation) error {
	var errs []error
	if next.Postponements > cur.Postponements {
		switch {
		case next.PostponementReason == "":
			errs = append(errs, Keyed(CodeInvalid, FieldDueReason, "implementation.error.dueReasonMissing",
				"due date moved later without a reason"))
		case TooLong(next.PostponementReason, MaxPostponementReasonLen):
			errs = append(errs, Keyed(CodeInvalid, FieldDueReason, "error.workflow.textTooLong", "postponement reason too long",
				"Max", MaxPostponementReasonLen, "Count", len([]rune(next.PostponementReason))))
		}
	}
	if TooLong(next.ResponsibleOrg, MaxResponsibleOrgLen) {
		errs = append(errs, Keyed(CodeInvalid, FieldResponsibleOrg, "implementation.error.responsibleOrgTooLong",
			"responsible body too long"))
	}
	if c := u.Contact; c != nil {
		if err := checkContact(next.Contact, c); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case next.Continuous && next.DueOn != nil:
		errs = append(errs, Keyed(CodeInvalid, FieldDueOn, "implementation.error.continuousDue",
			"continuous task with a due date"))
	case next.StartOn != nil && next.DueOn != nil && next.DueOn.Before(*next.StartOn):
		errs = append(errs, Keyed(CodeInvalid, FieldDueOn, "implementation.error.dueBeforeStart",
			"due date before start date"))
	}
	return errors.Join(errs...)
}

// checkContact checks a contact (cleaned) as the update gives it.
func checkContact(contact string, c *ContactUpdate) error {
	switch {
	case TooLong(contact, MaxContactLen):
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactTooLong",
			"contact too long")
	case !c.Person && contact != "" && !mailbox.MatchString(contact):
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactMailbox",
			"mailbox is not an e-mail address")
	case c.Person && contact == "":
		return Keyed(CodeInvalid, FieldContact, "implementation.error.contactPersonMissing",
			"person without a name")
	case c.Person && !c.Consent:
		return Keyed(CodeInvalid, FieldContactConsent, "implementation.error.consentMissing",
			"person without consent")
	}
	return nil
}
