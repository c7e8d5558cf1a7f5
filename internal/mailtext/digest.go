package mailtext

import (
	"github.com/planwerk/planwerk/internal/domain"
)

// Digest renders a person's weekly digest: one section per town (or plan,
// for the KI) with only what is open there; the caller skips empty digests.
func (c *Composer) Digest(d domain.Digest) (domain.MailMessage, error) {
	t := c.tr(d.Language)
	b := body{Greeting: t.T("mail.greeting"), Lead: t.T("mail.digest.intro"), Link: c.publicURL + "/",
		LinkText: t.T("mail.open"), Footer: t.T("mail.footer.person"), Settings: c.SettingsURL(),
		Sections: digestSections(t, d.Entries)}
	text, html, err := render(b)
	return domain.MailMessage{Kind: domain.MailDigest, Language: t.lang, Subject: t.T("mail.subject.digest"),
		TextBody: text, HTMLBody: html, UnsubscribeURL: b.Settings}, err
}

// digestSections are the digest's lines per town; the settings page's
// preview shows the same.
func digestSections(t tr, entries []domain.DigestEntry) []section {
	var out []section
	for _, e := range entries {
		s := section{Heading: t.T("mail.digest.town", "Org", e.OrgName, "Plan", e.PlanTitle)}
		add := func(id string, n int) {
			if n > 0 {
				s.Lines = append(s.Lines, t.N(id, n))
			}
		}
		add("mail.digest.stale", e.Stale)
		add("mail.digest.overdue", e.Overdue)
		add("mail.digest.dueSoon", e.DueSoon)
		add("mail.digest.support", e.SupportOpen)
		if e.RoundTitle != "" && e.RoundDeadline != nil {
			s.Lines = append(s.Lines, t.T("mail.digest.round", "Round", e.RoundTitle, "Deadline", t.DateOf(*e.RoundDeadline)))
		}
		if len(s.Lines) > 0 {
			out = append(out, s)
		}
	}
	return out
}
