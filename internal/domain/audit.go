package domain

import (
	"time"
)

// Change is one field's value before and after an edit, as the audit log keeps it.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// AuditEvent is one entry of the append-only audit log.
type AuditEvent struct {
	ID             int64             `db:"id"`
	OccurredAt     time.Time         `db:"occurred_at"`
	ActorID        *int64            `db:"actor_id"`
	ActorName      string            `db:"actor_name"`
	OrganisationID *int64            `db:"organisation_id"`
	Entity         string            `db:"entity"`
	EntityID       int64             `db:"entity_id"`
	Action         string            `db:"action"`
	Changes        map[string]Change `db:"changes"`
}

// DiffImplementations lists the fields that differ between two versions of an
// implementation, keyed by the column name the audit log uses.
func DiffImplementations(old, new Implementation) map[string]Change {
	changes := map[string]Change{}
	add := func(field string, o, n any, same bool) {
		if !same {
			changes[field] = Change{Old: o, New: n}
		}
	}
	add("relevance", old.Relevance, new.Relevance, old.Relevance == new.Relevance)
	add("relevance_note", old.RelevanceNote, new.RelevanceNote, old.RelevanceNote == new.RelevanceNote)
	add("status", old.Status, new.Status, old.Status == new.Status)
	add("status_note", old.StatusNote, new.StatusNote, old.StatusNote == new.StatusNote)
	add("continuous", old.Continuous, new.Continuous, old.Continuous == new.Continuous)
	add("progress", old.Progress, new.Progress, old.Progress == new.Progress)
	add("responsible_org", old.ResponsibleOrg, new.ResponsibleOrg, old.ResponsibleOrg == new.ResponsibleOrg)
	add("contact", old.Contact, new.Contact, old.Contact == new.Contact)
	add("contact_is_person", old.ContactIsPerson, new.ContactIsPerson, old.ContactIsPerson == new.ContactIsPerson)
	add("contact_consent_at", instantString(old.ContactConsentAt), instantString(new.ContactConsentAt),
		instantString(old.ContactConsentAt) == instantString(new.ContactConsentAt))
	add("start_on", dateString(old.StartOn), dateString(new.StartOn), sameDate(old.StartOn, new.StartOn))
	add("due_on", dateString(old.DueOn), dateString(new.DueOn), sameDate(old.DueOn, new.DueOn))
	if new.Postponements > old.Postponements {
		add("postponement_reason", old.PostponementReason, new.PostponementReason, false)
	}
	add("support", old.Support, new.Support, old.Support == new.Support)
	add("support_request", old.SupportRequest, new.SupportRequest, old.SupportRequest == new.SupportRequest)
	add("support_response", old.SupportResponse, new.SupportResponse, old.SupportResponse == new.SupportResponse)
	return changes
}

func sameDate(a, b *time.Time) bool { return dateString(a) == dateString(b) }

// dateString renders an optional date as ISO 8601 ("" when absent), the form
// the audit log stores.
func dateString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// instantString renders an optional instant as RFC 3339 in UTC ("" when absent).
func instantString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
