package mailtext

import (
	"errors"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// Reminders renders the reminders of one kind and step that reach one
// address (a person's, or a role mailbox's): as Notice for one town; for
// several, one mail with a section per town, each with its own lines and
// link. Every notice is of the same kind and, for a person, the same
// recipient; the language is the person's or the first town's mailbox's.
func (c *Composer) Reminders(ns []domain.PendingNotice, toMailbox bool) (domain.MailMessage, error) {
	if len(ns) == 0 {
		return domain.MailMessage{}, errors.New("mailtext: no reminder to render")
	}
	if len(ns) == 1 {
		return c.Notice(ns[0], toMailbox)
	}
	first := ns[0]
	lang := first.Language
	if toMailbox {
		lang = first.MailboxLanguage
	}
	t := c.tr(lang)
	b := body{Greeting: t.T("mail.greeting"), Lead: t.T("mail.towns.lead", "Count", len(ns)),
		LinkText: t.T("mail.open"), Footer: t.T("mail.footer.person"), Settings: c.SettingsURL()}
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = n.OrgName
		lines := []string{noticeLead(t, n.Notification)}
		if len(n.Params.Items) > 0 {
			lines = append(lines, itemLines(t, n.Params)...)
		}
		b.Sections = append(b.Sections, section{Heading: n.OrgName, Lines: lines,
			Link: c.publicURL + domain.NoticePath(n.Notification)})
	}
	if toMailbox {
		b.Lead = t.T("mail.towns.leadMailbox", "Count", len(ns))
		b.Footer = t.T("mail.footer.mailbox", "Org", strings.Join(names, ", "))
		b.Settings = c.MailboxURL(first.PlanSlug, first.OrgSlug)
	}
	if domain.MailKind(first.Kind).Mandatory() {
		b.Mandatory = t.T("mail.footer.mandatory")
	}
	p := first.Params
	subject := t.T("mail.subjectTowns."+string(first.Kind), "Count", len(ns), "Round", p.RoundTitle,
		"Deadline", t.Date(p.Deadline))
	text, html, err := render(b)
	return domain.MailMessage{Kind: domain.MailKind(first.Kind), Language: t.lang, Subject: subject,
		TextBody: text, HTMLBody: html, UnsubscribeURL: b.Settings}, err
}
