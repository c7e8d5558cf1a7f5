package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// dispatch mails what is pending: events (the periodic job) and reminders
// (the scan's job, once the scan is done).
func (f *fixture) dispatch(t *testing.T) int {
	t.Helper()
	n, err := f.svc.Dispatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.DispatchReminders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n + r
}

// Each person gets their mail in their language; dispatching again sends
// nothing more.
func TestDispatchWritesOneMailPerPersonInTheirLanguage(t *testing.T) {
	f := newFixture(t)
	f.openRound(t, 20)
	if n := f.dispatch(t); n != 2 {
		t.Errorf("mails: %d, want 2 (Anna, Bert)", n)
	}
	if n := f.dispatch(t); n != 0 {
		t.Errorf("second dispatch: %d mails, want 0", n)
	}
	anna, bert := f.mails(t, "anna@duelmen.example"), f.mails(t, "bert@nottuln.example")
	if len(anna) != 1 || anna[0].Language != "de" || !strings.HasPrefix(anna[0].Subject, "Berichtsrunde „Winter“ eröffnet") ||
		!strings.Contains(anna[0].TextBody, "bis zum 21.12.2026") ||
		!strings.Contains(anna[0].TextBody, "https://planwerk.example/plaene/plan/kommunen/duelmen#berichtsrunde") ||
		!strings.Contains(anna[0].TextBody, "https://planwerk.example"+domain.MailSettingsPath) {
		t.Errorf("Anna's mail: %+v", anna)
	}
	if len(bert) != 1 || bert[0].Language != "en" || !strings.HasPrefix(bert[0].Subject, "Reporting round “Winter” opened") ||
		!strings.Contains(bert[0].HTMLBody, "21 Dec 2026") || bert[0].UnsubscribeURL != "https://planwerk.example"+domain.MailSettingsPath {
		t.Errorf("Bert's mail: %+v", bert)
	}
	if len(f.mails(t, "ki@kreis.example")) != 0 {
		t.Error("the KI, who opened the round, got a mail about it")
	}
}

// An opt-out keeps a kind's mails away (the inbox entry stays); a
// mandatory service mail comes regardless.
func TestOptOutIsHonouredButNotForMandatoryMails(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.settings.Save(ctx, f.anna, notify.SaveSettings{Language: "de",
		OptOuts: []string{"round_opened", "round_missed", "digest"}}); err != nil {
		t.Fatal(err)
	}
	s, err := f.settings.Of(ctx, f.anna)
	if err != nil || !s.OptOuts["round_opened"] || s.OptOuts["round_missed"] || !s.OptOuts["digest"] {
		t.Fatalf("saved: %+v %v (round_missed is mandatory and must not be stored)", s, err)
	}
	f.openRound(t, 3)
	f.scan(t, 4) // the deadline has passed
	f.dispatch(t)
	var kinds []domain.MailKind
	for _, m := range f.mails(t, "anna@duelmen.example") {
		kinds = append(kinds, m.Kind)
	}
	if len(kinds) != 2 || kinds[0] != "round_missed" && kinds[1] != "round_missed" {
		t.Errorf("Anna's mails: %v, want round_missed and her due reminder, not round_opened", kinds)
	}
	if got := f.reminders(t, f.anna, domain.NoticeRoundOpened); len(got) != 1 {
		t.Errorf("the inbox entry must stay: %v", got)
	}
	if err := f.settings.Save(ctx, f.anna, notify.SaveSettings{Language: "fr"}); err == nil {
		t.Error("a language other than de or en was saved")
	}
	if err := f.settings.Save(ctx, f.anna, notify.SaveSettings{Language: "de", OptOuts: []string{"spam"}}); err == nil {
		t.Error("an unknown kind was saved")
	}
}

// A town's role mailbox hears of each event once, however many
// coordinators the town has; "only" keeps the people's mails away.
func TestTownMailboxGetsEachEventOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.pool.Exec(ctx, `WITH u AS (INSERT INTO users (issuer, subject, name, email) VALUES ('https://idp', 'dora', 'Dora', 'dora@duelmen.example') RETURNING id)
		INSERT INTO memberships (user_id, organisation_id, role) SELECT id, $1, 'coordinator' FROM u`, f.duelmen); err != nil {
		t.Fatal(err)
	}
	if err := f.settings.SetTownMailbox(ctx, f.anna, f.duelmen, domain.TownMailbox{Address: "Integration@Duelmen.example"}); err != nil {
		t.Fatal(err)
	}
	if err := f.settings.SetTownMailbox(ctx, f.anna, f.duelmen, domain.TownMailbox{Address: "a@b.de\r\nBcc: x@y.de"}); err == nil {
		t.Error("a mailbox with a line break was saved")
	}
	f.openRound(t, 20)
	f.dispatch(t)
	if box := f.mails(t, "integration@duelmen.example"); len(box) != 1 || !strings.Contains(box[0].TextBody, "Funktionspostfach") ||
		!strings.HasSuffix(box[0].UnsubscribeURL, "/plaene/plan/kommunen/duelmen/funktionspostfach") {
		t.Errorf("mailbox: %+v, want one mail for the event", box)
	}
	if len(f.mails(t, "anna@duelmen.example")) != 1 || len(f.mails(t, "dora@duelmen.example")) != 1 {
		t.Error("besides the mailbox, the coordinators get their own")
	}
	if err := f.settings.SetTownMailbox(ctx, f.anna, f.duelmen, domain.TownMailbox{Address: "integration@duelmen.example", Only: true}); err != nil {
		t.Fatal(err)
	}
	f.scan(t, 6) // 14 days ahead
	f.dispatch(t)
	if box := f.mails(t, "integration@duelmen.example"); len(box) != 3 { // + round_deadline, + due
		t.Errorf("mailbox after the scan: %d mails, want 3", len(box))
	}
	if n := len(f.mails(t, "anna@duelmen.example")); n != 1 {
		t.Errorf("Anna got %d mails with the mailbox only, want still 1", n)
	}
}

// A mail the relay refused for good is recorded as failed with the
// reason and not tried again; a sent mail is never sent twice.
func TestDeliverRecordsOutcomeAndNeverSendsTwice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.openRound(t, 20)
	f.dispatch(t)
	m := f.mails(t, "anna@duelmen.example")[0]
	rec := &recorder{}
	svc := notify.New(f.db, nil, rec, f.now, nil)
	for range 2 {
		if err := svc.Deliver(ctx, m.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.sent) != 1 {
		t.Errorf("sent %d times, want once", len(rec.sent))
	}
	got, _ := f.settings.Mail(ctx, m.ID)
	if got.Status != domain.MailSent || got.SentAt == nil || got.Attempts != 1 || got.Transport != "test" {
		t.Errorf("after sending: %+v", got)
	}
}

type refusing struct{}

func (refusing) Send(context.Context, domain.MailMessage) error { return errRefused }
func (refusing) Transport() string                              { return "test" }

var errRefused = errors.New("550 5.1.1 no such mailbox")

func TestRefusedMailIsRecordedAsFailedNotRetried(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.openRound(t, 20)
	f.dispatch(t)
	m := f.mails(t, "anna@duelmen.example")[0]
	svc := notify.New(f.db, nil, refusing{}, f.now, func(err error) bool { return errors.Is(err, errRefused) })
	if err := svc.Deliver(ctx, m.ID, false); !errors.Is(err, notify.ErrRefused) {
		t.Errorf("got %v, want ErrRefused (the job stops retrying)", err)
	}
	got, _ := f.settings.Mail(ctx, m.ID)
	if got.Status != domain.MailFailed || !strings.Contains(got.Error, "no such mailbox") {
		t.Errorf("after the refusal: %+v", got)
	}
	// A temporary failure stays queued, with its reason, until the last try.
	temp := notify.New(f.db, nil, refusing{}, f.now, nil)
	m2 := f.mails(t, "bert@nottuln.example")[0]
	_ = temp.Deliver(ctx, m2.ID, false)
	if got, _ := f.settings.Mail(ctx, m2.ID); got.Status != domain.MailQueued || got.Error == "" {
		t.Errorf("after a temporary failure: %+v", got)
	}
	_ = temp.Deliver(ctx, m2.ID, true)
	if got, _ := f.settings.Mail(ctx, m2.ID); got.Status != domain.MailFailed || got.Attempts != 2 {
		t.Errorf("after the last try: %+v", got)
	}
}
