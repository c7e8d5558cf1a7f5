package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestBrowserMailPages: the outbox (the send log in demo mode) and a mail
// in it, the jobs page (admin), the notification settings and the role
// mailbox (a town's coordinator), at desk and phone width; axe-core finds
// nothing and no page is wider than a phone.
func TestBrowserMailPages(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	mails := []domain.MailMessage{
		{DedupeKey: "b:1", Address: "koordination@duelmen.example", Kind: "round_opened", Language: "de",
			Subject:  "Berichtsrunde „Winter 2026“ eröffnet – Meldung bis 15.01.2027",
			TextBody: "Guten Tag,\n\nDie Berichtsrunde „Winter 2026“ ist eröffnet: Bitte melden Sie den Sachstand für Dülmen bis zum 15.01.2027.\n\nIn Planwerk öffnen: http://localhost:8080/plaene/integrationskonzept/kommunen/duelmen#berichtsrunde",
			HTMLBody: "<p>Guten Tag,</p>"},
		{DedupeKey: "b:2", Address: "integration@olfen.example", Kind: "due", Language: "de",
			Subject: "Fristen in Olfen", TextBody: "Guten Tag,", HTMLBody: "<p>Guten Tag,</p>"},
	}
	if _, err := a.DB.QueueMails(ctx, nil, mails); err != nil {
		t.Fatal(err)
	}
	log, err := a.DB.FindMailLog(ctx, domain.MailLogFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB.MarkMailAttempt(ctx, log[0].ID, domain.MailSent, "outbox", ""); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.MarkMailAttempt(ctx, log[1].ID, domain.MailFailed, "smtp", "550 5.1.1 no such mailbox"); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ user, path, h1, shot string }{
		{"admin", "/verwaltung/e-mails", "Versandprotokoll", "160-postausgang"},
		{"admin", fmt.Sprintf("/verwaltung/e-mails/%d", log[1].ID), "Berichtsrunde", "161-postausgang-e-mail"},
		{"admin", "/verwaltung/auftraege", "Hintergrundaufträge", "162-auftraege"},
		{"duelmen", "/einstellungen/benachrichtigungen", "Benachrichtigungen", "163-benachrichtigungen"},
		{"duelmen", demoPlan + "/kommunen/duelmen/funktionspostfach", "Funktionspostfach", "164-funktionspostfach"},
	}
	browsers := map[string]*browser{}
	for _, p := range pages {
		if browsers[p.user] == nil {
			browsers[p.user] = newBrowser(t)
			browsers[p.user].visit(t, a.URL+"/plaene", 200)
			browsers[p.user].signIn(t, a.IdP, p.user)
		}
	}
	for _, p := range pages {
		journeyStep(t, p.shot, func(t *testing.T) {
			b := browsers[p.user]
			b.visit(t, a.URL+p.path, 200)
			b.checkPage(t, browserPage{shot: p.shot + ".png", h1: p.h1, kern: true})
			b.phoneWidth(t, true)
			defer b.phoneWidth(t, false)
			b.visit(t, a.URL+p.path, 200)
			if evalJS[bool](t, b, `document.scrollingElement.scrollWidth > innerWidth`) {
				t.Errorf("%s ist bei 390 px breiter als das Fenster", p.path)
			}
			b.checkPage(t, browserPage{shot: p.shot + "-390.png", h1: p.h1, kern: true})
		})
	}
}
