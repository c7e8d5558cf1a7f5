// Package notify delivers notifications and reminders by e-mail: it turns
// pending notifications into stored mails (one per address and event), runs
// the daily reminder scan and the weekly digest, sends one stored mail per
// job, and keeps each person's choices. The jobs (internal/jobs) call it;
// so do the settings and admin pages.
package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what delivery needs of the database.
type Store interface {
	PendingNotices(ctx context.Context, limit int) ([]domain.PendingNotice, error)
	QueueMails(ctx context.Context, noticeIDs []int64, mails []domain.MailMessage) (int, error)
	FindMail(ctx context.Context, id int64) (domain.MailMessage, error)
	MarkMailAttempt(ctx context.Context, id int64, status domain.MailStatus, transport, reason string) error
	ReminderTowns(ctx context.Context) ([]int64, error)
	ScanReminders(ctx context.Context, today time.Time, towns []int64) (int, error)
	PendingReminders(ctx context.Context) ([]domain.PendingNotice, error)
	ScanOfferReminders(ctx context.Context, today time.Time, afterDays int) (int, error)
	FindDigestEntries(ctx context.Context, today time.Time, userID int64) ([]domain.DigestEntry, map[int64]domain.DigestRecipient, error)
}

// Composer renders mails (internal/mailtext).
type Composer interface {
	Notice(n domain.PendingNotice, toMailbox bool) (domain.MailMessage, error)
	Reminders(ns []domain.PendingNotice, toMailbox bool) (domain.MailMessage, error)
	Digest(d domain.Digest) (domain.MailMessage, error)
}

// Sender delivers one mail (internal/mailer).
type Sender interface {
	Send(ctx context.Context, m domain.MailMessage) error
	Transport() string
}

// Service is the e-mail use cases.
type Service struct {
	store    Store
	composer Composer
	sender   Sender
	now      func() time.Time
	// permanent tells a refusal for good from one worth retrying.
	permanent func(error) bool
	pace      Pacing
	// offerDays: offers unconfirmed for longer are named to their
	// maintainers by the scan (0: never).
	offerDays int
}

// New builds the service; now is the clock (tests move it), permanent
// classifies the sender's errors (nil: none is permanent).
func New(store Store, composer Composer, sender Sender, now func() time.Time, permanent func(error) bool) *Service {
	if now == nil {
		now = time.Now
	}
	if permanent == nil {
		permanent = func(error) bool { return false }
	}
	return &Service{store: store, composer: composer, sender: sender, now: now, permanent: permanent, pace: DefaultPacing,
		offerDays: 365}
}

// SetOfferUnconfirmedDays sets after how many days without a confirmation
// the scan names a public offer to its maintainers (PLANWERK_OFFER_UNCONFIRMED_DAYS).
func (s *Service) SetOfferUnconfirmedDays(days int) { s.offerDays = days }

// ErrRefused wraps a delivery the relay refused for good: the job stops
// retrying; the send log keeps the reason.
var ErrRefused = errors.New("mail refused")

// dispatchBatch is how many notifications one transaction turns into mails.
const dispatchBatch = 500

// Dispatch turns every pending event notification into stored mails with
// their delivery jobs, a batch per transaction, and reports how many mails.
// Reminders wait for DispatchReminders, which the scan calls when done.
func (s *Service) Dispatch(ctx context.Context) (int, error) {
	total := 0
	for {
		pending, err := s.store.PendingNotices(ctx, dispatchBatch)
		if err != nil || len(pending) == 0 {
			return total, err
		}
		ids := make([]int64, len(pending))
		var mails []domain.MailMessage
		for i, n := range pending {
			ids[i] = n.ID
			ms, err := s.noticeMails(n)
			if err != nil {
				return total, err
			}
			mails = append(mails, ms...)
		}
		queued, err := s.store.QueueMails(ctx, ids, mails)
		total += queued
		if err != nil || len(pending) < dispatchBatch {
			return total, err
		}
	}
}

// noticeMails are the mails of one notification: to the person (unless
// they opted out of a kind that is not mandatory, or the town's mail goes
// to its role mailbox only) and to the town's role mailbox. The mailbox's
// dedupe key is the event's, so it hears of an event once, not once per
// coordinator.
func (s *Service) noticeMails(n domain.PendingNotice) ([]domain.MailMessage, error) {
	var out []domain.MailMessage
	kind := domain.MailKind(n.Kind)
	mailbox, mailboxErr := domain.MailAddress(n.Mailbox)
	useMailbox := n.Mailbox != "" && mailboxErr == nil
	if email, err := domain.MailAddress(n.Email); err == nil && (!n.OptedOut || kind.Mandatory()) && !(useMailbox && n.MailboxOnly) {
		m, err := s.composer.Notice(n, false)
		if err != nil {
			return nil, err
		}
		id, rid := n.ID, n.RecipientID
		m.Address, m.DedupeKey, m.NotificationID, m.RecipientID = email, fmt.Sprintf("n:%d", n.ID), &id, &rid
		out = append(out, m)
	}
	if useMailbox {
		m, err := s.composer.Notice(n, true)
		if err != nil {
			return nil, err
		}
		m.Address, m.DedupeKey = mailbox, "e:"+n.EventKey
		out = append(out, m)
	}
	return out, nil
}

// Deliver sends one stored mail and records the outcome. A mail already
// sent is not sent again (a job run twice after a crash). A refusal for
// good is recorded as failed and returned wrapped in ErrRefused; any other
// error is recorded on the mail and returned for the job to retry;
// lastTry records it as failed.
func (s *Service) Deliver(ctx context.Context, id int64, lastTry bool) error {
	m, err := s.store.FindMail(ctx, id)
	if err != nil {
		return err
	}
	if m.Status == domain.MailSent {
		return nil
	}
	sendErr := s.sender.Send(ctx, m)
	status, reason := domain.MailSent, ""
	switch {
	case sendErr == nil:
	case s.permanent(sendErr):
		status, reason = domain.MailFailed, sendErr.Error()
		sendErr = fmt.Errorf("%w: %v", ErrRefused, sendErr)
	case lastTry:
		status, reason = domain.MailFailed, sendErr.Error()
	default:
		status, reason = domain.MailQueued, sendErr.Error()
	}
	if err := s.store.MarkMailAttempt(context.WithoutCancel(ctx), id, status, s.sender.Transport(), reason); err != nil {
		return errors.Join(sendErr, err)
	}
	return sendErr
}

// QueueDigests stores this week's digest for everyone who has something
// open and has not opted out, in batches; a person's digest is stored once
// a week (its dedupe key names the week).
func (s *Service) QueueDigests(ctx context.Context) (int, error) {
	today := s.now()
	entries, people, err := s.store.FindDigestEntries(ctx, today, 0)
	if err != nil {
		return 0, err
	}
	week := domain.ISOWeek(today)
	digests := domain.GroupDigests(entries, people, week)
	return s.queueInBatches(ctx, nil, len(digests), func(i int) (domain.MailMessage, bool, error) {
		d := digests[i]
		email, err := domain.MailAddress(d.Email)
		if err != nil {
			return domain.MailMessage{}, false, nil // no address from the sign-in service: the inbox is all they get
		}
		m, err := s.composer.Digest(d)
		rid := d.RecipientID
		m.Address, m.DedupeKey, m.RecipientID = email, "digest:"+week, &rid
		return m, true, err
	})
}
