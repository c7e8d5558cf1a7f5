// Package mailer hands stored mails to the county's SMTP relay (go-mail),
// or keeps them in the outbox when no relay is configured (demo mode).
package mailer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
)

// Sender delivers one mail.
type Sender interface {
	// Send delivers m; an error wrapping ErrPermanent will not succeed on a
	// later try (the relay refused the address).
	Send(ctx context.Context, m domain.MailMessage) error
	// Transport names the way mail goes: "smtp" or "outbox".
	Transport() string
}

// ErrPermanent marks a refusal that retrying will not change.
var ErrPermanent = errors.New("permanent")

// New returns the sender the settings ask for.
func New(cfg config.Mail) Sender {
	if cfg.Outbox() {
		return Outbox{}
	}
	return &SMTP{cfg: cfg}
}

// Outbox keeps mail in the database: the admins read it on the send log
// page. Nothing leaves the server.
type Outbox struct{}

// Send does nothing: the mail is stored already.
func (Outbox) Send(context.Context, domain.MailMessage) error { return nil }

// Transport is "outbox".
func (Outbox) Transport() string { return "outbox" }

// SMTP sends through a relay, one connection per mail: mails are few and
// spread over the day, and a fresh connection survives a relay restart.
type SMTP struct {
	cfg config.Mail
}

// Transport is "smtp".
func (*SMTP) Transport() string { return "smtp" }

// Send builds the message and submits it.
func (s *SMTP) Send(ctx context.Context, m domain.MailMessage) error {
	msg, err := s.message(m)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	client, err := gomail.NewClient(s.cfg.SMTPHost, s.options()...)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	err = client.DialAndSendWithContext(ctx, msg)
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() >= 500 && !se.IsTemp() {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return err
}

func (s *SMTP) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(s.cfg.SMTPPort), gomail.WithTimeout(30 * time.Second)}
	switch s.cfg.SMTPTLS {
	case config.SMTPTLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case config.SMTPTLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.SMTPUser != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.SMTPUser), gomail.WithPassword(s.cfg.SMTPPassword))
	}
	return opts
}

// message is m as a MIME message: plain text with an HTML alternative.
// Every header value passes through domain.HeaderText or an address
// check, so no user-supplied text (a measure's title in the subject) can
// add a header or a recipient.
func (s *SMTP) message(m domain.MailMessage) (*gomail.Msg, error) {
	to, err := domain.MailAddress(m.Address)
	if err != nil {
		return nil, err
	}
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, err
	}
	if err := msg.To(to); err != nil {
		return nil, err
	}
	if s.cfg.ReplyTo != "" {
		if err := msg.ReplyTo(s.cfg.ReplyTo); err != nil {
			return nil, err
		}
	}
	msg.Subject(domain.HeaderText(m.Subject))
	msg.SetMessageID()
	msg.SetDate()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if u := domain.HeaderText(m.UnsubscribeURL); u != "" && !strings.ContainsAny(u, "<> ") {
		msg.SetGenHeaderPreformatted("List-Unsubscribe", "<"+u+">")
	}
	msg.SetGenHeader("Content-Language", m.Language)
	msg.SetBodyString(gomail.TypeTextPlain, m.TextBody)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTMLBody)
	return msg, nil
}
