package mailtext

import (
	"github.com/planwerk/planwerk/internal/domain"
)

// Notice renders one notification for one address: the person's own
// (toMailbox false) or the town's role mailbox. The mail says what the
// inbox entry says and links the same place; it carries no comment text
// (comments stay in the app, where only those allowed read them) and no
// contact data. The caller sets the address and dedupe key.
func (c *Composer) Notice(n domain.PendingNotice, toMailbox bool) (domain.MailMessage, error) {
	lang := n.Language
	if toMailbox {
		lang = n.MailboxLanguage // the town's choice for its mailbox (German unless set)
	}
	t := c.tr(lang)
	p := n.Params
	b := body{Greeting: t.T("mail.greeting"), Lead: noticeLead(t, n.Notification),
		Link: c.publicURL + domain.NoticePath(n.Notification), LinkText: t.T("mail.open"),
		Footer: t.T("mail.footer.person"), Settings: c.SettingsURL()}
	if toMailbox {
		b.Footer = t.T("mail.footer.mailbox", "Org", n.OrgName)
		b.Settings = c.MailboxURL(n.PlanSlug, n.OrgSlug)
	}
	if domain.MailKind(n.Kind).Mandatory() {
		b.Mandatory = t.T("mail.footer.mandatory")
	}
	if p.Response != "" {
		b.Quote = []string{t.T("mail.response"), p.Response}
	}
	if p.Body != "" {
		b.Quote = []string{t.T("mail.nudgeBody"), p.Body}
	}
	if len(p.Items) > 0 {
		b.Sections = []section{{Lines: itemLines(t, p)}}
	}
	text, html, err := render(b)
	return domain.MailMessage{Kind: domain.MailKind(n.Kind), Language: t.lang, Subject: noticeSubject(t, n.Notification),
		TextBody: text, HTMLBody: html, UnsubscribeURL: b.Settings}, err
}

// noticeLead is the inbox entry's sentence (web/locales inbox.* and mail.*).
func noticeLead(t tr, n domain.Notification) string {
	p := n.Params
	actor := n.ActorName
	if actor == "" {
		actor = t.T("inbox.unknownActor")
	}
	switch n.Kind {
	case domain.NoticeSupportAnswered:
		return t.T("inbox.kind.support_answered."+string(p.Answer), "Actor", actor, "Code", p.MeasureCode,
			"Title", p.MeasureTitle, "Org", n.OrgName)
	case domain.NoticeComment:
		return t.T("inbox.kind.comment", "Actor", actor, "Code", p.MeasureCode, "Title", p.MeasureTitle, "Org", n.OrgName)
	case domain.NoticeRoundOpened:
		return t.T("inbox.kind.round_opened", "Round", p.RoundTitle, "Deadline", t.Date(p.Deadline), "Org", n.OrgName)
	case domain.NoticeRoundNudge:
		return t.T("inbox.kind.round_nudge", "Actor", actor, "Round", p.RoundTitle, "Org", n.OrgName)
	case domain.NoticeRoundDeadline:
		return t.N("inbox.kind.round_deadline", p.DaysLeft, "Round", p.RoundTitle, "Deadline", t.Date(p.Deadline), "Org", n.OrgName)
	case domain.NoticeRoundMissed:
		return t.T("inbox.kind.round_missed", "Round", p.RoundTitle, "Deadline", t.Date(p.Deadline), "Org", n.OrgName)
	case domain.NoticeStale:
		return t.N("inbox.kind.stale", p.Total, "Org", n.OrgName)
	case domain.NoticeDue:
		return t.N("inbox.kind.due", p.Total, "Org", n.OrgName)
	case domain.NoticeOfferUnconfirmed:
		return t.N("inbox.kind.offer_unconfirmed", p.Total, "Org", n.OrgName)
	}
	return t.T("inbox.kind.unknown")
}

// noticeSubject is the subject line; domain.HeaderText later keeps any
// line break in a title from becoming a header of its own.
func noticeSubject(t tr, n domain.Notification) string {
	p := n.Params
	return t.T("mail.subject."+string(n.Kind), "Code", p.MeasureCode, "Round", p.RoundTitle,
		"Deadline", t.Date(p.Deadline), "Org", n.OrgName)
}

// itemLines lists a reminder's implementations, and how many more there are.
func itemLines(t tr, p domain.NoticeParams) []string {
	lines := make([]string, 0, len(p.Items)+1)
	for _, it := range p.Items {
		id := "mail.item." + it.What
		if it.Milestone != "" {
			id = map[string]string{"soon": "mail.item.milestoneSoon", "past": "mail.item.milestonePast"}[it.What]
		}
		lines = append(lines, t.T(id, "Code", it.MeasureCode, "Title", it.MeasureTitle,
			"Milestone", it.Milestone, "On", t.Date(it.On)))
	}
	if more := p.Total - len(p.Items); more > 0 {
		lines = append(lines, t.N("mail.more", more))
	}
	return lines
}
