package config

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
)

// TLS modes of the SMTP connection.
const (
	SMTPTLSNone     = "none"     // plain SMTP, e.g. a relay on the same host
	SMTPTLSStartTLS = "starttls" // STARTTLS, required (not opportunistic)
	SMTPTLSImplicit = "tls"      // implicit TLS ("SMTPS"), usually port 465
)

// Mail holds the SMTP relay mails go to. Without SMTPHost no mail leaves
// the server: every mail is kept in the outbox (the admins' send log), as
// in demo mode.
type Mail struct {
	// SMTPHost and SMTPPort (PLANWERK_SMTP_HOST, PLANWERK_SMTP_PORT): the
	// county's relay; the port defaults by TLS mode (25, 587, 465).
	SMTPHost string
	SMTPPort int
	// SMTPTLS (PLANWERK_SMTP_TLS): none, starttls (default) or tls.
	SMTPTLS string
	// SMTPUser and SMTPPassword (PLANWERK_SMTP_USER, PLANWERK_SMTP_PASSWORD):
	// empty means no authentication.
	SMTPUser     string
	SMTPPassword string
	// From and ReplyTo (PLANWERK_MAIL_FROM, PLANWERK_MAIL_REPLY_TO): the
	// sender's address (required with SMTPHost) and where answers go.
	From    string
	ReplyTo string
}

// Outbox reports whether mail stays in the outbox instead of going out.
func (m Mail) Outbox() bool { return m.SMTPHost == "" }

var defaultPorts = map[string]int{SMTPTLSNone: 25, SMTPTLSStartTLS: 587, SMTPTLSImplicit: 465}

// load reads the mail settings and returns what is wrong with them.
func (m *Mail) load(getenv func(string) string) []string {
	var problems []string
	m.SMTPHost = strings.TrimSpace(getenv("PLANWERK_SMTP_HOST"))
	setString(&m.SMTPTLS, strings.ToLower(getenv("PLANWERK_SMTP_TLS")))
	if _, ok := defaultPorts[m.SMTPTLS]; !ok {
		problems = append(problems, fmt.Sprintf("PLANWERK_SMTP_TLS=%q: erwartet none, starttls oder tls", m.SMTPTLS))
	}
	m.SMTPPort = defaultPorts[m.SMTPTLS]
	if v := strings.TrimSpace(getenv("PLANWERK_SMTP_PORT")); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			problems = append(problems, fmt.Sprintf("PLANWERK_SMTP_PORT=%q: erwartet eine Portnummer, z. B. 587", v))
		}
		m.SMTPPort = p
	}
	m.SMTPUser = strings.TrimSpace(getenv("PLANWERK_SMTP_USER"))
	m.SMTPPassword = getenv("PLANWERK_SMTP_PASSWORD")
	m.From = strings.TrimSpace(getenv("PLANWERK_MAIL_FROM"))
	m.ReplyTo = strings.TrimSpace(getenv("PLANWERK_MAIL_REPLY_TO"))
	return append(problems, m.check()...)
}

// check refuses settings that would fail at the first mail or send a
// password in the clear.
func (m *Mail) check() []string {
	var problems []string
	if strings.ContainsAny(m.SMTPHost, " /:\r\n") {
		problems = append(problems, fmt.Sprintf("PLANWERK_SMTP_HOST=%q: erwartet nur den Rechnernamen, z. B. smtp.kreis.de", m.SMTPHost))
	}
	if m.SMTPHost != "" && m.From == "" {
		problems = append(problems, "PLANWERK_MAIL_FROM fehlt: mit PLANWERK_SMTP_HOST braucht Planwerk eine Absenderadresse")
	}
	for name, v := range map[string]string{"PLANWERK_MAIL_FROM": m.From, "PLANWERK_MAIL_REPLY_TO": m.ReplyTo} {
		if a, err := mail.ParseAddress(v); v != "" && (err != nil || strings.ContainsAny(v, "\r\n") || a.Address == "") {
			problems = append(problems, fmt.Sprintf("%s=%q: keine gültige E-Mail-Adresse", name, v))
		}
	}
	if (m.SMTPUser == "") != (m.SMTPPassword == "") {
		problems = append(problems, "PLANWERK_SMTP_USER und PLANWERK_SMTP_PASSWORD: nur beide zusammen oder keines")
	}
	if m.SMTPPassword != "" && m.SMTPTLS == SMTPTLSNone {
		problems = append(problems, "PLANWERK_SMTP_PASSWORD mit PLANWERK_SMTP_TLS=none: das Passwort ginge unverschlüsselt durchs Netz")
	}
	return problems
}
