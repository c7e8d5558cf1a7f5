package server_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/jobs"
	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/service/notify"
	"github.com/planwerk/planwerk/internal/smtptest"
)

// startMailJobs runs the background jobs against the app's database,
// delivering to a real SMTP test server, as `planwerk serve` does.
func startMailJobs(t *testing.T, a *app) *smtptest.Server {
	t.Helper()
	srv := smtptest.Start(t)
	composer, err := mailtext.New(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	sender := mailer.New(config.Mail{SMTPHost: srv.Host, SMTPPort: srv.Port, SMTPTLS: config.SMTPTLSNone, From: "planwerk@kreis.example"})
	svc := notify.New(a.DB, composer, sender, func() time.Time { return today },
		func(err error) bool { return errors.Is(err, mailer.ErrPermanent) })
	r, err := jobs.New(a.DB.Pool(), svc, jobs.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Poll: 200 * time.Millisecond, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Stop(5 * time.Second) })
	return srv
}

// TestOfferConfirmationLinkByMail: the maintainer sends the link from the
// offer page; a job delivers it over SMTP to the contact address only, in
// German, with the offer's hostile title kept to one header line; the mail
// is in the admins' send log; the link in it opens the provider's page and
// takes one answer.
func TestOfferConfirmationLinkByMail(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	county := int64(a.scalar(t, `SELECT parent_id FROM organisations WHERE slug = 'duelmen'`))
	town := int64(a.scalar(t, `SELECT id FROM organisations WHERE slug = 'duelmen'`))
	o, err := a.DB.CreateOffer(ctx, nil, county, town, domain.OfferFields{
		Title: "Sprachcafé\r\nBcc: boese@example.net", Provider: "Verein " + hostile, StepFree: "unknown",
		Status: domain.OfferActive, ContactEmail: "kontakt@example.org", TownIDs: []int64{town}})
	if err != nil {
		t.Fatal(err)
	}
	duelmen := a.signIn(t, "duelmen")
	page := demoPlan + "/kommunen/duelmen/angebote/" + itoa(o.ID)
	_, body, _ := fetch(t, duelmen, "GET", a.URL+page)
	mustContain(t, body, "Per E-Mail an kontakt@example.org senden")

	srv := startMailJobs(t, a)
	status, body, _ := fetch(t, duelmen, "POST", a.URL+page+"/links/senden")
	if status != http.StatusOK {
		t.Fatalf("send link: %d\n%s", status, body)
	}
	mustContain(t, body, "Der Bestätigungslink geht per E-Mail an kontakt@example.org.", "Gültig bis")
	got := srv.WaitFor(1, 60*time.Second)
	if len(got) != 1 {
		t.Fatalf("%d mails arrived, want 1", len(got))
	}
	m := got[0]
	if len(m.To) != 1 || m.To[0] != "kontakt@example.org" {
		t.Errorf("mail went to %v, want only the contact address", m.To)
	}
	subject, text := readMail(t, m)
	if !strings.Contains(subject, "Bitte bestätigen Sie Ihr Angebot „Sprachcafé Bcc: boese@example.net“") ||
		m.Header().Get("Bcc") != "" {
		t.Errorf("subject %q, Bcc header %q: the title must stay inside the subject", subject, m.Header().Get("Bcc"))
	}
	mustContain(t, text, "Guten Tag,", "Angaben prüfen und antworten", "Der Link gilt bis zum")
	link := regexp.MustCompile(`/bestaetigung/[A-Za-z0-9._-]+`).FindString(text)
	if link == "" {
		t.Fatalf("no confirmation link in the mail:\n%s", text)
	}
	status, body, _ = fetch(t, anonymous(), "GET", a.URL+link)
	if status != http.StatusOK {
		t.Fatalf("the mailed link: %d", status)
	}
	mustContain(t, body, "Verein &lt;script&gt;")
	if status, _, _ := fetch(t, anonymous(), "POST", a.URL+link, form("answer", "confirmed")...); status != http.StatusOK {
		t.Errorf("answering through the mailed link: %d", status)
	}
	if status, _, _ := fetch(t, anonymous(), "GET", a.URL+link); status != http.StatusGone {
		t.Errorf("the mailed link after its answer: %d, want 410", status)
	}
	_, log, _ := fetch(t, a.signIn(t, "admin"), "GET", a.URL+"/verwaltung/e-mails")
	mustContain(t, log, "kontakt@example.org", "Bitte bestätigen Sie Ihr Angebot")
}

// TestOfferConfirmationLinkNeedsAnAddress: an offer without a usable contact
// address (none, or one that would smuggle a header) is refused with the
// reason, and no mail is stored.
func TestOfferConfirmationLinkNeedsAnAddress(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	county := int64(a.scalar(t, `SELECT parent_id FROM organisations WHERE slug = 'duelmen'`))
	town := int64(a.scalar(t, `SELECT id FROM organisations WHERE slug = 'duelmen'`))
	duelmen := a.signIn(t, "duelmen")
	for _, address := range []string{"", "kontakt@example.org\r\nBcc: boese@example.net", "Name <kontakt@example.org>"} {
		o, err := a.DB.CreateOffer(ctx, nil, county, town, domain.OfferFields{Title: "Treff", Provider: "Verein",
			StepFree: "unknown", Status: domain.OfferActive, ContactEmail: address, TownIDs: []int64{town}})
		if err != nil {
			t.Fatal(err)
		}
		page := demoPlan + "/kommunen/duelmen/angebote/" + itoa(o.ID)
		status, body, _ := fetch(t, duelmen, "POST", a.URL+page+"/links/senden")
		if status != http.StatusUnprocessableEntity {
			t.Errorf("address %q: %d, want 422", address, status)
		}
		mustContain(t, body, "Das Angebot hat keine gültige Kontakt-E-Mail")
	}
	if n := a.scalar(t, `SELECT count(*) FROM mail_messages`); n != 0 {
		t.Errorf("%d mails stored for offers without an address", n)
	}
}

// readMail decodes a mail's subject and its plain-text part.
func readMail(t *testing.T, m smtptest.Message) (subject, text string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := parts.NextPart()
		if err != nil {
			break
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			b, _ := io.ReadAll(p) // NextPart undoes quoted-printable
			text = string(b)
		}
	}
	return subject, text
}

// TestUnconfirmedOffersReachTheirMaintainers: the daily scan (run by the
// jobs at start) names an offer unconfirmed for longer than the period (365
// days by default) to the town's coordinators, in the inbox and by e-mail.
func TestUnconfirmedOffersReachTheirMaintainers(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	// One of Dülmen's public offers was last confirmed 400 days ago.
	if n := a.scalar(t, `WITH one AS (SELECT o.id FROM offers o JOIN organisations t ON t.id = o.owner_org_id
			WHERE t.slug = 'duelmen' AND o.state = 'published' AND o.status <> 'ended' ORDER BY o.id LIMIT 1)
		UPDATE offers SET confirmed_at = $1::date - 400 FROM one WHERE offers.id = one.id RETURNING 1`, today); n != 1 {
		t.Fatal("no public offer of Dülmen in the demo")
	}
	srv := startMailJobs(t, a)
	deadline := time.Now().Add(60 * time.Second)
	var found bool
	for !found && time.Now().Before(deadline) {
		for _, m := range srv.Received() {
			if subject, text := readMail(t, m); strings.HasPrefix(subject, "Angebote ohne aktuelle Bestätigung in ") &&
				strings.Contains(text, "zuletzt bestätigt am") && strings.Contains(text, "/angebote") {
				found = true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !found {
		t.Fatalf("no mail about unconfirmed offers among %d mails", len(srv.Received()))
	}
	_, body, _ := fetch(t, a.signIn(t, "duelmen"), "GET", a.URL+"/neu")
	mustContain(t, body, "länger nicht bestätigt worden", "/kommunen/duelmen/angebote")
}
