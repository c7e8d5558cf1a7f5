package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// member makes a person a member of a town in a role.
func (f *fixture) member(t *testing.T, a domain.Actor, org int64, role string) {
	t.Helper()
	if _, err := f.pool.Exec(context.Background(), `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)`,
		a.ID, org, role); err != nil {
		t.Fatal(err)
	}
}

// exec runs a fixture statement.
func (f *fixture) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := f.pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%q: %v", sql, err)
	}
}

// A person responsible for two towns gets one mail per kind and step that
// lists both (the inbox keeps an entry per town); once it is out, a
// town's reminder of the same step waits for the next one instead of
// coming as a second mail, and nothing is lost.
func TestMinimumGapPerPersonAndKindAcrossTowns(t *testing.T) {
	f := newFixture(t)
	f.member(t, f.anna, f.nottuln, "coordinator")
	// Nottuln's implementation is due on 6 Dec, within 7 days of day 0.
	f.exec(t, `UPDATE implementations SET due_on = '2026-12-06', status = 'in_progress', start_on = '2026-11-25'
		WHERE organisation_id = $1`, f.nottuln)
	f.scan(t, 0)
	f.dispatch(t)
	if got := f.reminders(t, f.anna, domain.NoticeDue); len(got) != 2 {
		t.Fatalf("Anna's inbox: %d due reminders, want one per town", len(got))
	}
	anna := f.mails(t, "anna@duelmen.example")
	if len(anna) != 1 {
		t.Fatalf("Anna got %d mails of one step, want 1", len(anna))
	}
	m := anna[0]
	if m.Subject != "Fristen in 2 Kommunen" || !strings.Contains(m.TextBody, "Dülmen\n") || !strings.Contains(m.TextBody, "Nottuln\n") ||
		!strings.Contains(m.TextBody, "Raum gefunden") || !strings.Contains(m.TextBody, "fällig am 06.12.2026") ||
		!strings.Contains(m.TextBody, "/plaene/plan/kommunen/duelmen?sortierung=faellig") ||
		!strings.Contains(m.TextBody, "/plaene/plan/kommunen/nottuln?sortierung=faellig") ||
		!strings.Contains(m.HTMLBody, "<h2") {
		t.Errorf("the combined mail:\n%s\n%s", m.Subject, m.TextBody)
	}
	if bert := f.mails(t, "bert@nottuln.example"); len(bert) != 1 || bert[0].Subject != "Deadlines in Nottuln" {
		t.Errorf("Bert, Nottuln only: %+v", bert)
	}
	// Later the same day a milestone in Nottuln comes due: the step's mail
	// is out, so it waits for tomorrow's.
	f.exec(t, `INSERT INTO milestones (implementation_id, title, due_on)
		SELECT id, 'Flyer gedruckt', '2026-12-03' FROM implementations WHERE organisation_id = $1`, f.nottuln)
	f.scan(t, 0)
	f.dispatch(t)
	if n := len(f.mails(t, "anna@duelmen.example")); n != 1 {
		t.Errorf("a second due mail on the same day: %d mails", n)
	}
	f.scan(t, 1)
	f.dispatch(t)
	anna = f.mails(t, "anna@duelmen.example") // newest first
	if len(anna) != 2 || anna[0].Subject != "Fristen in Nottuln" || !strings.Contains(anna[0].TextBody, "Flyer gedruckt") {
		t.Errorf("next day: %d mails, newest %q, want the milestone in its own step", len(anna), anna[0].Subject)
	}
	if len(f.mails(t, "bert@nottuln.example")) != 2 {
		t.Error("Bert's milestone reminder went missing")
	}
}

// Round steps too: a coordinator of two towns gets each step of a round's
// deadline once, naming both towns.
func TestRoundStepOnceForAPersonOfTwoTowns(t *testing.T) {
	f := newFixture(t)
	f.member(t, f.anna, f.nottuln, "coordinator")
	f.openRound(t, 20)
	f.dispatch(t) // the opening: an event per town, as before
	for day := 1; day <= 21; day++ {
		f.scan(t, day)
		f.scan(t, day)
		f.dispatch(t)
	}
	var subjects []string
	for _, m := range f.mails(t, "anna@duelmen.example") {
		if m.Kind == "round_deadline" || m.Kind == "round_missed" {
			subjects = append(subjects, m.Subject)
		}
	}
	want := []string{ // newest first
		"Meldeschluss verstrichen: Berichtsrunde „Winter“ – 2 Kommunen",
		"Meldeschluss am 21.12.2026: Berichtsrunde „Winter“ – 2 Kommunen",
		"Meldeschluss am 21.12.2026: Berichtsrunde „Winter“ – 2 Kommunen",
		"Meldeschluss am 21.12.2026: Berichtsrunde „Winter“ – 2 Kommunen",
	}
	if strings.Join(subjects, "|") != strings.Join(want, "|") {
		t.Errorf("Anna's round reminders:\n%s\nwant\n%s", strings.Join(subjects, "\n"), strings.Join(want, "\n"))
	}
}

// A town's role mailbox speaks the language the town chose for it; a
// mailbox two towns share gets one mail per step naming both.
func TestTownMailboxLanguageAndSharedMailbox(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.settings.SetTownMailbox(ctx, f.anna, f.duelmen, domain.TownMailbox{Address: "integration@kreis.example", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	if err := f.settings.SetTownMailbox(ctx, f.anna, f.duelmen, domain.TownMailbox{Address: "integration@kreis.example", Language: "fr"}); err == nil {
		t.Error("a mailbox language other than de or en was saved")
	}
	if got, _ := f.settings.TownMailbox(ctx, f.anna, f.duelmen); got.Language != "en" {
		t.Errorf("saved language: %q", got.Language)
	}
	f.openRound(t, 20)
	f.dispatch(t)
	box := f.mails(t, "integration@kreis.example")
	if len(box) != 1 || box[0].Language != "en" || !strings.HasPrefix(box[0].Subject, "Reporting round “Winter” opened") {
		t.Errorf("the mailbox's mail: %+v", box)
	}
	if anna := f.mails(t, "anna@duelmen.example"); len(anna) != 1 || anna[0].Language != "de" {
		t.Errorf("Anna's own mail stays in her language: %+v", anna)
	}
	// Nottuln shares the mailbox (German by default): the 14-day step
	// reaches it once, naming both towns, in the first town's language.
	if err := f.settings.SetTownMailbox(ctx, f.bert, f.nottuln, domain.TownMailbox{Address: "integration@kreis.example"}); err != nil {
		t.Fatal(err)
	}
	f.scan(t, 6)
	f.dispatch(t)
	var deadline []domain.MailMessage
	for _, m := range f.mails(t, "integration@kreis.example") {
		if m.Kind == "round_deadline" {
			deadline = append(deadline, m)
		}
	}
	if len(deadline) != 1 || !strings.Contains(deadline[0].TextBody, "Dülmen") || !strings.Contains(deadline[0].TextBody, "Nottuln") {
		t.Errorf("the shared mailbox's 14-day reminders: %+v", deadline)
	}
}

// Mail carries no comment text (comments stay in the app, where only those
// allowed read them), reaches no committee member, and tells a person
// nothing of another town: not its name, not its people's addresses.
func TestMailCarriesNoCommentTextNorOtherTownsData(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var carla domain.Actor
	if err := f.pool.QueryRow(ctx, `INSERT INTO users (issuer, subject, name, email) VALUES ('https://idp', 'carla', 'Carla', 'carla@rat.example')
		RETURNING id`).Scan(&carla.ID); err != nil {
		t.Fatal(err)
	}
	f.member(t, carla, f.duelmen, "committee")
	const secret = "Intern: Kürzung im Haushalt noch nicht öffentlich"
	ki := f.ki.ID
	if _, err := f.db.AddComment(ctx, f.impl, secret, &ki); err != nil {
		t.Fatal(err)
	}
	f.openRound(t, 20)
	f.scan(t, 0)
	f.dispatch(t)
	f.at(6)
	if _, err := f.svc.QueueDigests(ctx); err != nil {
		t.Fatal(err)
	}
	anna := f.mails(t, "anna@duelmen.example")
	kinds := map[domain.MailKind]bool{}
	for _, m := range anna {
		kinds[m.Kind] = true
		for _, text := range []string{m.Subject, m.TextBody, m.HTMLBody} {
			for _, leak := range []string{"Kürzung", "Nottuln", "bert@", "Bert", "ki@kreis.example"} {
				if strings.Contains(text, leak) {
					t.Errorf("Anna's %s mail carries %q", m.Kind, leak)
				}
			}
		}
	}
	if !kinds["comment"] || !kinds["round_opened"] || !kinds["due"] || !kinds["digest"] {
		t.Errorf("Anna's mails: %v, want the comment, the round, the due date and the digest", kinds)
	}
	if got := f.mails(t, "carla@rat.example"); len(got) != 0 {
		t.Errorf("the committee member got %d mails", len(got))
	}
}

// failingQueue is the database with storing mails failing from the nth call.
type failingQueue struct {
	*postgres.DB
	calls, failFrom int
}

func (s *failingQueue) QueueMails(ctx context.Context, ids []int64, mails []domain.MailMessage) (int, error) {
	s.calls++
	if s.calls >= s.failFrom {
		return 0, errors.New("connection lost")
	}
	return s.DB.QueueMails(ctx, ids, mails)
}

// The scan in batches of one town and mails stored one per transaction:
// a person's towns, scanned in different batches, still come as one mail;
// a run cut short after the first stored mail loses nothing and, run
// again, stores no mail twice.
func TestScanAndMailInBatchesCutShortLosesNothing(t *testing.T) {
	f := newFixture(t)
	f.member(t, f.anna, f.nottuln, "coordinator")
	f.exec(t, `UPDATE implementations SET due_on = '2026-12-06', status = 'in_progress', start_on = '2026-11-25'
		WHERE organisation_id = $1`, f.nottuln)
	composer, err := mailtext.New("https://planwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	broken := &failingQueue{DB: f.db, failFrom: 2}
	svc := notify.New(broken, composer, &recorder{}, f.now, nil)
	svc.Pace(notify.Pacing{Towns: 1, Mails: 1})
	ctx := context.Background()
	if n, err := svc.ScanReminders(ctx); err != nil || n != 3 {
		t.Fatalf("scan: %d reminders, %v; want 3 (Anna twice, Bert once)", n, err)
	}
	if _, err := svc.DispatchReminders(ctx); err == nil {
		t.Fatal("the second batch should have failed")
	}
	broken.failFrom = 1 << 30
	if _, err := svc.DispatchReminders(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := svc.DispatchReminders(ctx); n != 0 {
		t.Errorf("a third run stored %d more mails", n)
	}
	if anna := f.mails(t, "anna@duelmen.example"); len(anna) != 1 || anna[0].Subject != "Fristen in 2 Kommunen" {
		t.Errorf("Anna's mails: %+v", anna)
	}
	if bert := f.mails(t, "bert@nottuln.example"); len(bert) != 1 {
		t.Errorf("Bert's mails: %d, want 1", len(bert))
	}
	var pending int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE mail_pending`).Scan(&pending); err != nil || pending != 0 {
		t.Errorf("%d reminders still pending (%v)", pending, err)
	}
}
