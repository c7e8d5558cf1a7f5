package notify

import (
	"context"
	"fmt"

	"github.com/planwerk/planwerk/internal/domain"
)

// MailQueue stores mails with their delivery jobs.
type MailQueue interface {
	QueueMails(ctx context.Context, noticeIDs []int64, mails []domain.MailMessage) (int, error)
}

// OfferComposer renders a provider's confirmation mail (internal/mailtext).
type OfferComposer interface {
	OfferConfirmation(o domain.Offer, token string, link domain.OfferConfirmation) (domain.MailMessage, error)
}

// OfferLinks mails confirmation links to the providers of offers (the
// offer service's ConfirmationMailer): a stored mail like every other, so
// it is sent by a job with retries and shows in the send log (in demo mode,
// the outbox).
type OfferLinks struct {
	queue    MailQueue
	composer OfferComposer
}

// NewOfferLinks builds the mailer of confirmation links.
func NewOfferLinks(queue MailQueue, composer OfferComposer) *OfferLinks {
	return &OfferLinks{queue: queue, composer: composer}
}

// SendConfirmationLink queues the mail of one link to address; a link is
// mailed once (its id is the mail's dedupe key).
func (l *OfferLinks) SendConfirmationLink(ctx context.Context, o domain.Offer, address string,
	link domain.OfferConfirmation, token string) error {
	to, err := domain.MailAddress(address)
	if err != nil {
		return domain.Keyed(domain.CodeInvalid, "", "offer.links.noAddress", err.Error())
	}
	m, err := l.composer.OfferConfirmation(o, token, link)
	if err != nil {
		return err
	}
	m.Address, m.DedupeKey = to, fmt.Sprintf("offer-link:%d", link.ID)
	_, err = l.queue.QueueMails(ctx, nil, []domain.MailMessage{m})
	return err
}
