package mailtext

import (
	"github.com/planwerk/planwerk/internal/domain"
)

// OfferConfirmation renders the mail that asks an offer's provider to
// confirm its entry through the link of token. Providers have no account
// and no language setting: the mail is German, like the county's letters.
// It names the offer only as the public directory shows it; the caller
// sets the address and dedupe key. No List-Unsubscribe: it is one mail a
// maintainer sends by hand, not a subscription.
func (c *Composer) OfferConfirmation(o domain.Offer, token string, link domain.OfferConfirmation) (domain.MailMessage, error) {
	t := c.tr("de")
	b := body{Greeting: t.T("mail.greeting"),
		Lead:     t.T("offer.mail.lead", "Title", o.Title, "Provider", o.Provider),
		Quote:    []string{t.T("offer.mail.answers")},
		Link:     c.publicURL + domain.OfferConfirmPath + "/" + token,
		LinkText: t.T("offer.mail.open"),
		Footer:   t.T("offer.mail.footer", "Date", t.DateOf(link.ExpiresAt)),
		Settings: c.publicURL + "/angebote"}
	text, html, err := render(b)
	return domain.MailMessage{Kind: domain.MailOfferConfirmation, Language: t.lang,
		Subject: t.T("offer.mail.subject", "Title", o.Title), TextBody: text, HTMLBody: html}, err
}
