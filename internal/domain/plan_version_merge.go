package domain

import (
	"strings"
	"time"
)

// Carried is the state of an implementation that a new plan version takes
// over from the old version's implementation(s) of the same organisation.
// Its history (progress reports, milestones, comments, audit events) is not
// copied: it stays with the old implementation, which the new one links to.
type Carried struct {
	ID                 int64      `db:"id"`
	OrganisationID     int64      `db:"organisation_id"`
	Relevance          Relevance  `db:"relevance"`
	RelevanceNote      string     `db:"relevance_note"`
	RelevanceDecidedOn *time.Time `db:"relevance_decided_on"`
	Status             *Status    `db:"status"`
	StatusNote         string     `db:"status_note"`
	Continuous         bool       `db:"continuous"`
	Progress           int        `db:"progress"`
	ResponsibleOrg     string     `db:"responsible_org"`
	Contact            string     `db:"contact"`
	ContactIsPerson    bool       `db:"contact_is_person"`
	ContactConsentAt   *time.Time `db:"contact_consent_at"`
	StartOn            *time.Time `db:"start_on"`
	DueOn              *time.Time `db:"due_on"`
	OriginalDueOn      *time.Time `db:"original_due_on"`
	Postponements      int        `db:"postponements"`
	LastPostponedOn    *time.Time `db:"last_postponed_on"`
	PostponementReason string     `db:"postponement_reason"`
	Support            Support    `db:"support"`
	SupportRequest     string     `db:"support_request"`
	SupportResponse    string     `db:"support_response"`
	SupportRequestedAt *time.Time `db:"support_requested_at"`
	SupportAssigneeID  *int64     `db:"support_assignee_id"`
	SupportAnsweredAt  *time.Time `db:"support_answered_at"`
	LastUpdateOn       *time.Time `db:"last_update_on"`
}

// MergeCarried is the state one implementation takes over from parts, the
// old implementations of one organisation whose measures were merged (in
// the old version's catalogue order). A single part is taken over as it is
// (continued, or one of a split's new measures). For several the rule is:
//
//   - relevance: relevant when any part is; else already in place when any
//     is; else open when any is; else not relevant (the reasons joined);
//   - status, over the relevant parts not cancelled: completed when all are,
//     planned when all are, on hold when all are, otherwise in progress
//     (work on the merged measure has begun); cancelled only when every
//     relevant part was (the reasons joined);
//   - progress: the mean of those parts, rounded down (100 when completed);
//   - start the earliest, due the latest with its postponements; continuous
//     when any counted part is (then without due date);
//   - contact, support and notes from the first part that has them; the
//     newest decision and progress report date.
//
// So the merged measure is never shown further along than its parts
// together are, and no open support request is lost.
func MergeCarried(parts []Carried) Carried {
	if len(parts) == 1 {
		return parts[0]
	}
	m := Carried{OrganisationID: parts[0].OrganisationID, Relevance: mergedRelevance(parts), Support: SupportNone}
	counted := countedParts(parts, m.Relevance)
	m.RelevanceNote = joinNotes(parts, func(p Carried) string {
		if p.Relevance == m.Relevance {
			return p.RelevanceNote
		}
		return ""
	})
	if m.Relevance == RelevanceRelevant {
		m.Status, m.StatusNote = mergedStatus(parts, counted)
		m.Progress = meanProgress(counted)
		if *m.Status == StatusCompleted {
			m.Progress = 100
		}
	}
	takeDates(&m, parts, counted)
	takeFirsts(&m, parts)
	return m
}

func mergedRelevance(parts []Carried) Relevance {
	for _, r := range []Relevance{RelevanceRelevant, RelevanceAlreadyInPlace, RelevanceOpen} {
		for _, p := range parts {
			if p.Relevance == r {
				return r
			}
		}
	}
	return RelevanceNotRelevant
}

// countedParts are the parts the merged status and dates are judged on: the
// relevant ones not cancelled (all relevant ones when every one is cancelled).
func countedParts(parts []Carried, rel Relevance) []Carried {
	var relevant, live []Carried
	for _, p := range parts {
		if p.Relevance != rel {
			continue
		}
		relevant = append(relevant, p)
		if p.Status == nil || *p.Status != StatusCancelled {
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return relevant
	}
	return live
}

func mergedStatus(parts, counted []Carried) (*Status, string) {
	first := *counted[0].Status
	same := true
	for _, p := range counted {
		same = same && *p.Status == first
	}
	if same && first == StatusCancelled {
		return &first, joinNotes(parts, func(p Carried) string { return p.StatusNote })
	}
	if same {
		return &first, ""
	}
	s := StatusInProgress
	return &s, ""
}

func meanProgress(counted []Carried) int {
	sum := 0
	for _, p := range counted {
		sum += p.Progress
	}
	return sum / len(counted)
}

func takeDates(m *Carried, parts, counted []Carried) {
	for _, p := range counted {
		m.Continuous = m.Continuous || p.Continuous
		if p.StartOn != nil && (m.StartOn == nil || p.StartOn.Before(*m.StartOn)) {
			m.StartOn = p.StartOn
		}
		if p.DueOn != nil && (m.DueOn == nil || p.DueOn.After(*m.DueOn)) {
			m.DueOn, m.OriginalDueOn, m.Postponements = p.DueOn, p.OriginalDueOn, p.Postponements
			m.LastPostponedOn, m.PostponementReason = p.LastPostponedOn, p.PostponementReason
		}
	}
	if m.Continuous || m.Relevance != RelevanceRelevant {
		m.DueOn, m.OriginalDueOn, m.Postponements, m.LastPostponedOn, m.PostponementReason = nil, nil, 0, nil, ""
		if !m.Continuous {
			m.DueOn = latestDue(parts)
		}
	}
	for _, p := range parts {
		m.RelevanceDecidedOn = laterDay(m.RelevanceDecidedOn, p.RelevanceDecidedOn)
		m.LastUpdateOn = laterDay(m.LastUpdateOn, p.LastUpdateOn)
	}
	if m.Relevance == RelevanceOpen {
		m.RelevanceDecidedOn = nil
	}
	if m.DueOn != nil && m.StartOn != nil && m.DueOn.Before(*m.StartOn) {
		m.StartOn = nil // parts of different relevance: a due date before the start would be refused
	}
}

func latestDue(parts []Carried) *time.Time {
	var due *time.Time
	for _, p := range parts {
		if !p.Continuous && p.DueOn != nil && (due == nil || p.DueOn.After(*due)) {
			due = p.DueOn
		}
	}
	return due
}

func laterDay(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.After(*a)) {
		return b
	}
	return a
}

// takeFirsts takes the contact and the support request from the first part
// that has one, each as a whole (a declined request keeps its answer).
func takeFirsts(m *Carried, parts []Carried) {
	for _, p := range parts {
		if m.Contact == "" && m.ResponsibleOrg == "" && (p.Contact != "" || p.ResponsibleOrg != "") {
			m.ResponsibleOrg, m.Contact, m.ContactIsPerson, m.ContactConsentAt =
				p.ResponsibleOrg, p.Contact, p.ContactIsPerson, p.ContactConsentAt
		}
	}
	for _, want := range []Support{SupportRequested, SupportAccepted, SupportDeclined, SupportDone} {
		for _, p := range parts {
			if m.Support == SupportNone && p.Support == want {
				m.Support, m.SupportRequest, m.SupportResponse = p.Support, p.SupportRequest, p.SupportResponse
				m.SupportRequestedAt, m.SupportAssigneeID, m.SupportAnsweredAt = p.SupportRequestedAt, p.SupportAssigneeID, p.SupportAnsweredAt
			}
		}
	}
}

// joinNotes joins the parts' non-empty notes, at most 2000 characters.
func joinNotes(parts []Carried, note func(Carried) string) string {
	var notes []string
	for _, p := range parts {
		if n := strings.TrimSpace(note(p)); n != "" {
			notes = append(notes, n)
		}
	}
	s := strings.Join(notes, "\n")
	if r := []rune(s); len(r) > 2000 {
		s = string(r[:2000])
	}
	return s
}
