package offer

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// LinkStore is what the confirmation links read and write.
type LinkStore interface {
	CreateConfirmation(ctx context.Context, actorID *int64, key domain.OfferKey, expiresAt time.Time) (domain.OfferConfirmation, error)
	FindConfirmation(ctx context.Context, id int64) (domain.OfferConfirmation, error)
	FindConfirmations(ctx context.Context, key domain.OfferKey) ([]domain.OfferConfirmation, error)
	RevokeConfirmation(ctx context.Context, actorID *int64, key domain.OfferKey, linkID int64) error
	AnswerConfirmation(ctx context.Context, linkID int64, a domain.ConfirmationAnswer, now time.Time) error
	CloseConfirmationTask(ctx context.Context, actorID *int64, key domain.OfferKey, linkID int64) error
}

// ConfirmationMailer sends a confirmation link to an offer's provider at
// address (the e-mail of the notifications: a stored mail and its delivery
// job, notify.OfferLinks). Without one the maintainer copies the link from
// the offer page.
type ConfirmationMailer interface {
	SendConfirmationLink(ctx context.Context, offer domain.Offer, address string, link domain.OfferConfirmation, token string) error
}

// IssueLink makes a new confirmation link for an offer of the scope and
// returns its token. The token names the link and its expiry and is signed
// with the server's secret; the link's row makes it single-use and revocable.
func (s *Service) IssueLink(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64) (string, error) {
	offer, err := s.store.FindOffer(ctx, keyOf(sc, id))
	if err != nil {
		return "", err
	}
	_, token, err := s.issue(ctx, actor, offer)
	return token, err
}

// SendLink makes a new confirmation link and mails it to the offer's
// contact address; it returns the address. The mail is queued with the
// link in one step of the maintainer's, so the link exists only if its mail
// was queued or the queueing failed (then it shows, unused, in the list).
func (s *Service) SendLink(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64) (string, error) {
	if s.mailer == nil {
		return "", domain.Keyed(domain.CodeConflict, "", "offer.links.noMail", "no mail delivery")
	}
	offer, err := s.store.FindOffer(ctx, keyOf(sc, id))
	if err != nil {
		return "", err
	}
	address, err := domain.MailAddress(offer.ContactEmail)
	if err != nil {
		return "", domain.Keyed(domain.CodeInvalid, "", "offer.links.noAddress", "offer has no contact address")
	}
	link, token, err := s.issue(ctx, actor, offer)
	if err != nil {
		return "", err
	}
	return address, s.mailer.SendConfirmationLink(ctx, offer, address, link, token)
}

func (s *Service) issue(ctx context.Context, actor domain.Actor, offer domain.Offer) (domain.OfferConfirmation, string, error) {
	if offer.State == domain.OfferArchived {
		return domain.OfferConfirmation{}, "", domain.Keyed(domain.CodeConflict, "", "offer.link.archived", "offer archived")
	}
	key := domain.OfferKey{CountyID: offer.CountyID, OwnerOrgID: offer.OwnerOrgID, ID: offer.ID}
	link, err := s.store.CreateConfirmation(ctx, actor.UserID(), key, s.now().Add(s.settings.LinkValidity))
	if err != nil {
		return link, "", err
	}
	return link, s.sign(link.ID, link.ExpiresAt), nil
}

// Links lists an offer's confirmation links, newest first, with answers.
func (s *Service) Links(ctx context.Context, sc domain.PlanScope, id int64) ([]domain.OfferConfirmation, error) {
	return s.store.FindConfirmations(ctx, keyOf(sc, id))
}

// RevokeLink makes a link of an offer of the scope unusable.
func (s *Service) RevokeLink(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id, linkID int64) error {
	return s.store.RevokeConfirmation(ctx, actor.UserID(), keyOf(sc, id), linkID)
}

// CloseTask marks a change a provider asked for as done.
func (s *Service) CloseTask(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id, linkID int64) error {
	return s.store.CloseConfirmationTask(ctx, actor.UserID(), keyOf(sc, id), linkID)
}

// OpenLink checks a token and reads its link: a token that is not ours
// (tampered, made up) is not found; an expired, used or revoked one is
// refused with the reason (domain.OfferConfirmation.Refusal).
func (s *Service) OpenLink(ctx context.Context, token string) (domain.OfferConfirmation, error) {
	id, ok := s.verify(token)
	if !ok {
		return domain.OfferConfirmation{}, domain.Keyed(domain.CodeNotFound, "", "offer.link.unknown", "bad token")
	}
	link, err := s.store.FindConfirmation(ctx, id)
	if err != nil {
		return link, err
	}
	return link, link.Refusal(s.now())
}

// Answer records a provider's answer through token: "still correct" and
// "has ended" take effect at once, "needs a change" becomes a task for the
// maintainer. The link is used up by it.
func (s *Service) Answer(ctx context.Context, token string, a domain.ConfirmationAnswer) error {
	a, err := domain.CheckConfirmationAnswer(a)
	if err != nil {
		return err
	}
	link, err := s.OpenLink(ctx, token)
	if err != nil {
		return err
	}
	return s.store.AnswerConfirmation(ctx, link.ID, a, s.now())
}

// sign makes the token of link id: "<id>.<expiry>.<signature>".
func (s *Service) sign(id int64, expires time.Time) string {
	payload := strconv.FormatInt(id, 10) + "." + strconv.FormatInt(expires.Unix(), 10)
	return payload + "." + s.mac(payload)
}

// verify checks a token's signature and returns the link id it names.
func (s *Service) verify(token string) (int64, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return 0, false
	}
	payload := parts[0] + "." + parts[1]
	if !hmac.Equal([]byte(s.mac(payload)), []byte(parts[2])) {
		return 0, false
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	return id, err == nil && id > 0
}

func (s *Service) mac(payload string) string {
	m := hmac.New(sha256.New, s.settings.Secret)
	fmt.Fprint(m, "planwerk-offer-confirmation|", payload)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

func randomSecret() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return b
}

// SetMailer plugs in the e-mail delivery of confirmation links.
func (s *Service) SetMailer(m ConfirmationMailer) { s.mailer = m }

// HasMailer reports whether links can be sent by e-mail.
func (s *Service) HasMailer() bool { return s.mailer != nil }
