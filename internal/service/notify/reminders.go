package notify

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Pacing spreads the daily scan over time so that pages stay fast while it
// runs: the towns are scanned a batch per short transaction and the mails
// stored a batch per transaction, with a pause after each batch, instead
// of one statement over every implementation of the Land holding a core
// (and one transaction storing thousands of mails) for seconds.
type Pacing struct {
	Towns int           // towns per scan transaction
	Mails int           // mails stored per transaction
	Pause time.Duration // after each batch
}

// DefaultPacing: at Land scale (396 towns, 3,168 reminder mails) the scan
// takes 80 batches of towns and 32 of mails, each a short burst with a
// longer pause after it, about half a minute in all instead of four
// seconds at full load: inside its minute, and the measure pages kept
// their 20 ms p95 only with bursts this short (bench erinnerungen). (A town's rows lie
// all over the implementations table, so smaller batches cost little more
// each; the pause is what leaves the pages their cores.)
var DefaultPacing = Pacing{Towns: 5, Mails: 100, Pause: 200 * time.Millisecond}

// Pace replaces the pacing (the bench and tests).
func (s *Service) Pace(p Pacing) {
	if p.Towns <= 0 {
		p.Towns = DefaultPacing.Towns
	}
	if p.Mails <= 0 {
		p.Mails = DefaultPacing.Mails
	}
	s.pace = p
}

// ScanReminders writes today's reminders as notifications, a batch of
// towns per transaction, and then mails them (DispatchReminders). It
// reports how many reminders it wrote.
func (s *Service) ScanReminders(ctx context.Context) (int, error) {
	today := s.now()
	towns, err := s.store.ReminderTowns(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for i := 0; i < len(towns); i += s.pace.Towns {
		if i > 0 {
			if err := s.pause(ctx); err != nil {
				return total, err
			}
		}
		n, err := s.store.ScanReminders(ctx, today, towns[i:min(i+s.pace.Towns, len(towns))])
		total += n
		if err != nil {
			return total, err
		}
	}
	if s.offerDays <= 0 {
		return total, nil
	}
	offers, err := s.store.ScanOfferReminders(ctx, today, s.offerDays)
	return total + offers, err
}

func (s *Service) pause(ctx context.Context) error {
	if s.pace.Pause <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(s.pace.Pause)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// DispatchReminders turns every pending reminder into stored mails: one
// per address, kind and step (RemindSlot), listing each town, so that a
// person or a role mailbox responsible for several towns hears of a step
// once. The mails are stored a batch per transaction; the reminders are
// marked mailed with the last batch, so a run cut short is simply run
// again (the stored mails are not stored twice: their dedupe key names
// the step). It reports how many mails were new.
func (s *Service) DispatchReminders(ctx context.Context) (int, error) {
	pending, err := s.store.PendingReminders(ctx)
	if err != nil || len(pending) == 0 {
		return 0, err
	}
	ids := make([]int64, len(pending))
	for i, n := range pending {
		ids[i] = n.ID
	}
	groups := groupReminders(pending)
	return s.queueInBatches(ctx, ids, len(groups), func(i int) (domain.MailMessage, bool, error) {
		g := groups[i]
		m, err := s.composer.Reminders(g.notices, g.toMailbox)
		m.Address, m.DedupeKey, m.RecipientID, m.NotificationID = g.address, g.dedupeKey, g.recipientID, g.notificationID
		return m, true, err
	})
}

// queueInBatches renders and stores n mails a batch per transaction, with
// a pause after each (rendering thousands of mails at once would hold a
// core of the web server's process as long), and marks the notifications
// ids mailed with the last batch, so a run cut short leaves them pending
// and is simply run again. render gives mail i, or false to skip it.
func (s *Service) queueInBatches(ctx context.Context, ids []int64, n int,
	render func(i int) (domain.MailMessage, bool, error)) (int, error) {
	total := 0
	for start := 0; start == 0 || start < n; start += s.pace.Mails {
		end := min(start+s.pace.Mails, n)
		if start > 0 {
			if err := s.pause(ctx); err != nil {
				return total, err
			}
		}
		mails := make([]domain.MailMessage, 0, end-start)
		for i := start; i < end; i++ {
			m, ok, err := render(i)
			if err != nil {
				return total, err
			}
			if ok {
				mails = append(mails, m)
			}
		}
		var mark []int64
		if end == n {
			mark = ids
		}
		stored, err := s.store.QueueMails(ctx, mark, mails)
		total += stored
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
