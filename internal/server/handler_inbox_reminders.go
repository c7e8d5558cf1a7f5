package server

import (
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// reminderText is the inbox sentence of a reminder of the daily scan
// (web/locales/mail.*.json): a round's deadline ahead or missed, a town's
// stale or due implementations.
func reminderText(tr translator, n domain.Notification) string {
	p := n.Params
	deadline := p.Deadline
	if d, err := time.Parse(time.DateOnly, p.Deadline); err == nil {
		deadline = tr.Date(d)
	}
	switch n.Kind {
	case domain.NoticeRoundDeadline:
		return tr.N("inbox.kind.round_deadline", p.DaysLeft, "Round", p.RoundTitle, "Deadline", deadline, "Org", n.OrgName)
	case domain.NoticeRoundMissed:
		return tr.T("inbox.kind.round_missed", "Round", p.RoundTitle, "Deadline", deadline, "Org", n.OrgName)
	case domain.NoticeStale:
		return tr.N("inbox.kind.stale", p.Total, "Org", n.OrgName)
	case domain.NoticeOfferUnconfirmed:
		return tr.N("inbox.kind.offer_unconfirmed", p.Total, "Org", n.OrgName)
	}
	return tr.N("inbox.kind.due", p.Total, "Org", n.OrgName)
}
