package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// A person turns a kind of mail off and chooses English; the page shows
// it back, keeps the mandatory kind fixed, and refuses a bad language
// with 422, not 500.
func TestMailSettingsSaveOptOutsAndLanguage(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	status, body, _ := fetch(t, c, "GET", a.URL+"/einstellungen/benachrichtigungen")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, `id="kind-round_missed" name="kind" value="round_missed" checked disabled`,
		`id="kind-comment" name="kind" value="comment" checked>`, "Vorschau Ihrer nächsten Wochenübersicht",
		`href="/kommunen/duelmen/funktionspostfach">Funktionspostfach von Dülmen einrichten`)
	// The link leads (by the old town address) to the mailbox page of the current plan.
	if status, _, h := fetch(t, c, "GET", a.URL+"/kommunen/duelmen/funktionspostfach"); status != 302 ||
		h.Get("Location") != demoPlan+"/kommunen/duelmen/funktionspostfach" {
		t.Errorf("mailbox link: %d %v", status, h.Get("Location"))
	}
	status, _, h := fetch(t, c, "POST", a.URL+"/einstellungen/benachrichtigungen",
		"language=en", "kind=round_opened", "kind=round_deadline", "kind=stale", "kind=due", "kind=support_answered", "kind=digest")
	if status != 303 || h.Get("Location") != "/einstellungen/benachrichtigungen?ok=1" {
		t.Fatalf("save: %d %v", status, h)
	}
	_, body, _ = fetch(t, c, "GET", a.URL+"/einstellungen/benachrichtigungen?ok=1")
	mustContain(t, body, "Ihre Einstellungen sind gespeichert.", `value="comment">`, `value="round_nudge">`,
		`<option value="en" selected lang="en">`)
	if strings.Contains(body, `value="comment" checked`) {
		t.Error("the comment mails are still ticked")
	}
	status, body, _ = fetch(t, c, "POST", a.URL+"/einstellungen/benachrichtigungen", "language=fr")
	if status != 422 || !strings.Contains(body, "Bitte wählen Sie Deutsch oder Englisch.") {
		t.Errorf("bad language: %d", status)
	}
	status, _, _ = fetch(t, c, "POST", a.URL+"/einstellungen/benachrichtigungen", "language=de", "kind=%0D%0ABcc")
	if status != 422 {
		t.Errorf("unknown kind: %d, want 422", status)
	}
}

// A town's coordination sets its role mailbox; an address with a line
// break or a name is refused at its field.
func TestTownMailboxForm(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	path := a.URL + demoPlan + "/kommunen/duelmen/funktionspostfach"
	status, body, _ := fetch(t, c, "POST", path, "address=Integration+%3Cintegration%40duelmen.de%3E")
	if status != 422 || !strings.Contains(body, "Bitte geben Sie genau eine E-Mail-Adresse an") ||
		!strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("refused address: %d", status)
	}
	status, _, _ = fetch(t, c, "POST", path, "address=integration%40duelmen.de", "only=1")
	if status != 303 {
		t.Fatalf("save: %d", status)
	}
	_, body, _ = fetch(t, c, "GET", path+"?ok=1")
	mustContain(t, body, `value="integration@duelmen.de"`, `id="only" name="only" value="1" checked`, "Das Funktionspostfach ist gespeichert.",
		`<option value="de" selected>Deutsch</option>`)
}

// The mailbox's language: English is kept and shown; anything but German
// or English is refused at its field, not with a 500.
func TestTownMailboxLanguageForm(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	path := a.URL + demoPlan + "/kommunen/duelmen/funktionspostfach"
	status, body, _ := fetch(t, c, "POST", path, "address=integration%40duelmen.de", "language=fr")
	if status != 422 || !strings.Contains(body, "Bitte wählen Sie Deutsch oder Englisch.") || !strings.Contains(body, `aria-describedby="language-error"`) {
		t.Errorf("refused language: %d", status)
	}
	if status, _, _ = fetch(t, c, "POST", path, "address=integration%40duelmen.de", "language=en"); status != 303 {
		t.Fatalf("save: %d", status)
	}
	_, body, _ = fetch(t, c, "GET", path)
	mustContain(t, body, "Sprache der E-Mails an das Funktionspostfach", `<option value="en" selected lang="en">English</option>`)
}

// The admin reads the send log (searchable), each mail as it was sent
// (escaped), and the jobs; a failed job runs again.
func TestAdminReadsSendLogAndRetriesAFailedJob(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	mails := []domain.MailMessage{
		{DedupeKey: "t:1", Address: "anna@duelmen.example", Kind: "comment", Language: "de",
			Subject: "Neuer Kommentar zu <script>1.1</script>", TextBody: "Guten Tag,\n<b>nicht fett</b>", HTMLBody: "<p>Guten Tag,</p>"},
		{DedupeKey: "t:2", Address: "bert@nottuln.example", Kind: "digest", Language: "en",
			Subject: "Your weekly summary", TextBody: "Hello", HTMLBody: "<p>Hello</p>"},
	}
	if n, err := a.DB.QueueMails(ctx, nil, mails); err != nil || n != 2 {
		t.Fatalf("queue: %d %v", n, err)
	}
	log, err := a.DB.FindMailLog(ctx, domain.MailLogFilter{Limit: 10})
	if err != nil || len(log) != 2 {
		t.Fatal(err)
	}
	if err := a.DB.MarkMailAttempt(ctx, log[0].ID, domain.MailFailed, "smtp", "550 no such mailbox"); err != nil {
		t.Fatal(err)
	}
	c := a.signIn(t, "admin")
	_, body, _ := fetch(t, c, "GET", a.URL+"/verwaltung/e-mails?q=nottuln")
	mustContain(t, body, "bert@nottuln.example", "Your weekly summary")
	if strings.Contains(body, "anna@duelmen.example") {
		t.Error("the search did not filter")
	}
	_, body, _ = fetch(t, c, "GET", a.URL+"/verwaltung/e-mails?stand=failed")
	mustContain(t, body, "fehlgeschlagen", "Grund: 550 no such mailbox")
	var annaID int64
	for _, m := range log {
		if m.Address == "anna@duelmen.example" {
			annaID = m.ID
		}
	}
	_, body, _ = fetch(t, c, "GET", a.URL+fmt.Sprintf("/verwaltung/e-mails/%d", annaID))
	mustContain(t, body, "Neuer Kommentar zu &lt;script&gt;1.1&lt;/script&gt;", "&lt;b&gt;nicht fett&lt;/b&gt;")
	if strings.Contains(body, "<script>1.1") {
		t.Error("a subject was not escaped")
	}
	if status, _, _ := fetch(t, c, "GET", a.URL+"/verwaltung/e-mails/abc"); status != 404 {
		t.Errorf("a mail id that is no number: %d", status)
	}
	// Two delivery jobs are queued (no workers run in this test); one fails for good.
	jobs, err := a.DB.FindJobs(ctx, "", 10)
	if err != nil || len(jobs) != 2 {
		t.Fatalf("jobs: %+v %v", jobs, err)
	}
	if _, err := a.DB.Pool().Exec(ctx, `UPDATE river_job SET state = 'discarded', finalized_at = now(), attempt = 8,
		errors = ARRAY['{"error": "dial tcp: connection refused", "attempt": 8, "at": "2026-12-01T10:00:00Z"}'::jsonb] WHERE id = $1`, jobs[0].ID); err != nil {
		t.Fatal(err)
	}
	_, body, _ = fetch(t, c, "GET", a.URL+"/verwaltung/auftraege?zustand=discarded")
	mustContain(t, body, "E-Mail zustellen", "dial tcp: connection refused", "Erneut ausführen")
	status, _, h := fetch(t, c, "POST", a.URL+fmt.Sprintf("/verwaltung/auftraege/%d/wiederholen", jobs[0].ID))
	if status != 303 {
		t.Fatalf("retry: %d", status)
	}
	_, body, _ = fetch(t, c, "GET", a.URL+h.Get("Location"))
	mustContain(t, body, fmt.Sprintf("Der Auftrag %d läuft erneut.", jobs[0].ID))
	if j, _ := a.DB.FindJobs(ctx, "available", 10); len(j) != 2 {
		t.Errorf("after the retry %d jobs wait, want 2", len(j))
	}
}

// The scan's reminders read in the inbox like the other entries.
func TestInboxShowsReminders(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if _, err := a.DB.Pool().Exec(ctx, `
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, params, remind_key)
		SELECT m.user_id, k.kind, p.id, o.id, k.params::jsonb, k.kind
		FROM users u JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id
		JOIN plans p ON p.slug = $1
		CROSS JOIN (VALUES ('due', '{"total": 3, "items": []}'), ('stale', '{"total": 1}'),
		                   ('round_deadline', '{"round_title": "Winter", "deadline": "2026-12-21", "days_left": 7}'),
		                   ('round_missed', '{"round_title": "Winter", "deadline": "2026-12-21"}')) k(kind, params)
		WHERE u.subject = 'demo-duelmen'`, strings.TrimPrefix(demoPlan, "/plaene/")); err != nil {
		t.Fatal(err)
	}
	_, body, _ := fetch(t, a.signIn(t, "duelmen"), "GET", a.URL+"/neu")
	mustContain(t, body, "3 Fristen in Dülmen sind bald fällig oder überschritten.",
		"1 Umsetzung in Dülmen ist jetzt ohne aktuelle Meldung.",
		"Noch 7 Tage bis zum Meldeschluss der Berichtsrunde „Winter“ am 21.12.2026",
		"Der Meldeschluss der Berichtsrunde „Winter“ am 21.12.2026 ist verstrichen",
		"kommunen/duelmen?ohne_meldung=1")
}
