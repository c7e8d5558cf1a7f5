package mailer_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/smtptest"
)

func sender(srv *smtptest.Server) mailer.Sender {
	return mailer.New(config.Mail{SMTPHost: srv.Host, SMTPPort: srv.Port, SMTPTLS: config.SMTPTLSNone,
		From: "planwerk@kreis.example", ReplyTo: "ki@kreis.example"})
}

var sample = domain.MailMessage{Address: "anna@duelmen.example", Language: "de", Subject: "Fristen in Dülmen",
	TextBody: "Guten Tag,\n\nText", HTMLBody: "<p>Guten Tag,</p>", UnsubscribeURL: "https://planwerk.example/einstellungen/benachrichtigungen"}

func TestSendDeliversTextAndHTMLWithListUnsubscribe(t *testing.T) {
	srv := smtptest.Start(t)
	if err := sender(srv).Send(context.Background(), sample); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(1, 5*time.Second)
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != sample.Address {
		t.Fatalf("arrived: %+v", got)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(got[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if subject != sample.Subject || h.Get("List-Unsubscribe") != "<"+sample.UnsubscribeURL+">" ||
		!strings.Contains(h.Get("Reply-To"), "ki@kreis.example") || h.Get("Content-Language") != "de" ||
		h.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("header: %v (subject %q)", h, subject)
	}
	_, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	parts := multipart.NewReader(msg.Body, params["boundary"])
	var types []string
	for {
		p, err := parts.NextPart()
		if err != nil {
			break
		}
		types = append(types, strings.Split(p.Header.Get("Content-Type"), ";")[0])
		_, _ = io.Copy(io.Discard, p)
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts: %v", types)
	}
}

// A line break in user-supplied text (a measure's title in the subject)
// must not start a header of its own or add a recipient.
func TestHeaderInjectionThroughSubjectOrAddressIsImpossible(t *testing.T) {
	srv := smtptest.Start(t)
	m := sample
	m.Subject = "Neuer Kommentar zu 1.1\r\nBcc: mallory@evil.example\r\nX-Injected: yes"
	if err := sender(srv).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(1, 5*time.Second)
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != sample.Address {
		t.Fatalf("recipients: %+v", got)
	}
	h := got[0].Header()
	// Decoded, the subject is one line: the break became a space.
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if subject != "Neuer Kommentar zu 1.1 Bcc: mallory@evil.example X-Injected: yes" {
		t.Errorf("subject %q, want one line", subject)
	}
	if h.Get("X-Injected") != "" || h.Get("Bcc") != "" || strings.Contains(string(got[0].Data), "\r\nBcc:") {
		t.Errorf("injected header arrived:\n%s", got[0].Data)
	}
	m = sample
	m.Address = "anna@duelmen.example\r\nBcc: mallory@evil.example"
	err := sender(srv).Send(context.Background(), m)
	if !errors.Is(err, mailer.ErrPermanent) {
		t.Errorf("address with a line break: %v, want a permanent refusal", err)
	}
	if n := len(srv.Received()); n != 1 {
		t.Errorf("%d messages arrived, want 1", n)
	}
}

func TestRefusedAddressIsPermanentAndRelayDownIsNot(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Refuse("weg@duelmen.example")
	m := sample
	m.Address = "weg@duelmen.example"
	if err := sender(srv).Send(context.Background(), m); !errors.Is(err, mailer.ErrPermanent) {
		t.Errorf("refused address: %v, want permanent", err)
	}
	srv.Down()
	err := sender(srv).Send(context.Background(), sample)
	if err == nil || errors.Is(err, mailer.ErrPermanent) {
		t.Errorf("relay down: %v, want a temporary error", err)
	}
}

func TestOutboxSendsNothing(t *testing.T) {
	s := mailer.New(config.Mail{})
	if s.Transport() != "outbox" || s.Send(context.Background(), sample) != nil {
		t.Error("the outbox keeps mail; it never fails")
	}
}
