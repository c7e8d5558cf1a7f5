package config

import (
	"strings"
	"testing"
)

func TestLoadReadsMailSettings(t *testing.T) {
	c, err := Load(env(map[string]string{"PLANWERK_SMTP_HOST": "smtp.kreis-coesfeld.de", "PLANWERK_SMTP_TLS": "tls",
		"PLANWERK_SMTP_USER": "planwerk", "PLANWERK_SMTP_PASSWORD": "geheim",
		"PLANWERK_MAIL_FROM": "planwerk@kreis-coesfeld.de", "PLANWERK_MAIL_REPLY_TO": "ki@kreis-coesfeld.de"}))
	if err != nil {
		t.Fatal(err)
	}
	want := Mail{SMTPHost: "smtp.kreis-coesfeld.de", SMTPPort: 465, SMTPTLS: "tls", SMTPUser: "planwerk",
		SMTPPassword: "geheim", From: "planwerk@kreis-coesfeld.de", ReplyTo: "ki@kreis-coesfeld.de"}
	if c.Mail != want || c.Mail.Outbox() {
		t.Errorf("got %+v, want %+v", c.Mail, want)
	}
	c, err = Load(env(map[string]string{"PLANWERK_SMTP_HOST": "localhost", "PLANWERK_SMTP_TLS": "none",
		"PLANWERK_SMTP_PORT": "2525", "PLANWERK_MAIL_FROM": "planwerk@example.org"}))
	if err != nil || c.Mail.SMTPPort != 2525 {
		t.Errorf("port: %+v, %v", c.Mail, err)
	}
	if c, _ := Load(env(nil)); !c.Mail.Outbox() {
		t.Error("without PLANWERK_SMTP_HOST mail must stay in the outbox")
	}
}

func TestLoadRefusesBrokenMailSettingsInOneLine(t *testing.T) {
	cases := map[string]map[string]string{
		"PLANWERK_SMTP_TLS":        {"PLANWERK_SMTP_TLS": "ssl"},
		"PLANWERK_SMTP_PORT":       {"PLANWERK_SMTP_PORT": "70000"},
		"PLANWERK_MAIL_FROM fehlt": {"PLANWERK_SMTP_HOST": "smtp.example.org"},
		"PLANWERK_MAIL_FROM=":      {"PLANWERK_SMTP_HOST": "smtp.example.org", "PLANWERK_MAIL_FROM": "a@b.de\r\nBcc: x@y.de"},
		"PLANWERK_MAIL_REPLY_TO":   {"PLANWERK_MAIL_REPLY_TO": "kein Name"},
		"nur beide zusammen":       {"PLANWERK_SMTP_USER": "planwerk"},
		"unverschlüsselt":          {"PLANWERK_SMTP_TLS": "none", "PLANWERK_SMTP_USER": "u", "PLANWERK_SMTP_PASSWORD": "p"},
		"PLANWERK_SMTP_HOST":       {"PLANWERK_SMTP_HOST": "smtp://x", "PLANWERK_MAIL_FROM": "a@b.de"},
	}
	for want, vars := range cases {
		_, err := Load(env(vars))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: got %v, want one line naming %q", vars, err, want)
		}
	}
}
