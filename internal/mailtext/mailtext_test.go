package mailtext_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/mailtext"
)

// missingID finds a message id left in the text: its message is missing.
var missingID = regexp.MustCompile(`\b(mail|inbox)\.[a-zA-Z_.]+\b`)

// Every kind renders in German and English with no message missing, to a
// person in theirs and to a role mailbox in the town's; the HTML part
// escapes what users wrote, the text part carries it as is.
func TestEveryKindRendersInBothLanguages(t *testing.T) {
	c, err := mailtext.New("https://planwerk.example/")
	if err != nil {
		t.Fatal(err)
	}
	implID := int64(7)
	hostile := `Sprachcafé <script>alert(1)</script> & "mehr"`
	for _, lang := range []string{"de", "en"} {
		for _, kind := range domain.NoticeKinds {
			n := domain.PendingNotice{Language: lang, MailboxLanguage: lang, Notification: domain.Notification{Kind: kind, PlanSlug: "plan",
				OrgSlug: "duelmen", OrgName: "Dülmen", ActorName: "KI Eins", Params: domain.NoticeParams{
					MeasureCode: "1.1.1", MeasureTitle: hostile, Answer: domain.SupportAccepted, RoundTitle: "Winter",
					Deadline: "2026-12-21", DaysLeft: 7, Total: 23, Body: "Bitte melden",
					Items: []domain.ReminderItem{{ImplementationID: 7, MeasureCode: "1.1.1", MeasureTitle: hostile, What: "soon", On: "2026-12-08"},
						{ImplementationID: 7, MeasureCode: "1.1.1", MeasureTitle: "x", Milestone: "Raum", What: "past", On: "2026-12-04"}}}}}
			if kind == domain.NoticeSupportAnswered || kind == domain.NoticeComment {
				n.ImplementationID = &implID
			}
			for _, box := range []bool{false, true} {
				m, err := c.Notice(n, box)
				if err != nil {
					t.Fatal(err)
				}
				for part, text := range map[string]string{"subject": m.Subject, "text": m.TextBody, "html": m.HTMLBody} {
					if id := missingID.FindString(text); id != "" {
						t.Errorf("%s %s %s: message %s missing", lang, kind, part, id)
					}
				}
				if strings.Contains(m.HTMLBody, "<script>") {
					t.Errorf("%s %s: the HTML part carries a script", lang, kind)
				}
				if !strings.Contains(m.TextBody, "https://planwerk.example/plaene/plan/kommunen/duelmen") {
					t.Errorf("%s %s: no link: %s", lang, kind, m.TextBody)
				}
				if box && (m.Language != lang || !strings.HasSuffix(m.UnsubscribeURL, "/funktionspostfach")) {
					t.Errorf("%s %s to the mailbox: %s %s", lang, kind, m.Language, m.UnsubscribeURL)
				}
			}
		}
	}
	due, _ := c.Notice(domain.PendingNotice{Language: "en", Notification: domain.Notification{Kind: domain.NoticeDue,
		OrgName: "Dülmen", Params: domain.NoticeParams{Total: 23, Items: []domain.ReminderItem{{MeasureCode: "1.1.1", MeasureTitle: "Cafés", What: "soon", On: "2026-12-08"}}}}}, false)
	for _, want := range []string{"1.1.1 Cafés – due on 8 Dec 2026", "… and 22 more", "23 deadlines in Dülmen"} {
		if !strings.Contains(due.TextBody, want) {
			t.Errorf("English due reminder lacks %q:\n%s", want, due.TextBody)
		}
	}
}

func TestDigestRendersOnlyWhatIsOpen(t *testing.T) {
	c, err := mailtext.New("https://planwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	m, err := c.Digest(domain.Digest{Language: "de", Entries: []domain.DigestEntry{
		{OrgName: "Dülmen", PlanTitle: "Integrationskonzept", Stale: 2, RoundTitle: "Winter", RoundDeadline: &deadline},
		{OrgName: "Nottuln", PlanTitle: "Integrationskonzept"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Dülmen – Integrationskonzept", "2 Umsetzungen ohne aktuelle Meldung",
		"Berichtsrunde „Winter“: Meldung bis 15.01.2027 noch nicht abgeschlossen"} {
		if !strings.Contains(m.TextBody, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.TextBody)
		}
	}
	if strings.Contains(m.TextBody, "Nottuln") || strings.Contains(m.TextBody, "überfällig") {
		t.Errorf("digest lists what is not open:\n%s", m.TextBody)
	}
}

// A reminder of one step for several towns is one mail: a section per
// town with its lines and its own link, in both languages, to a person
// and to a mailbox (whose footer names every town), nothing missing and
// every name escaped in the HTML part.
func TestRemindersForSeveralTownsRenderAsOneMail(t *testing.T) {
	c, err := mailtext.New("https://planwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	town := func(lang string, kind domain.NoticeKind, slug, name string) domain.PendingNotice {
		return domain.PendingNotice{Language: lang, MailboxLanguage: lang, Notification: domain.Notification{Kind: kind,
			PlanSlug: "plan", OrgSlug: slug, OrgName: name, Params: domain.NoticeParams{RoundTitle: "Winter",
				Deadline: "2026-12-21", DaysLeft: 7, Total: 1,
				Items: []domain.ReminderItem{{ImplementationID: 7, MeasureCode: "1.1.1", MeasureTitle: "Cafés", What: "soon", On: "2026-12-08"}}}}}
	}
	for _, lang := range []string{"de", "en"} {
		for _, kind := range []domain.NoticeKind{domain.NoticeRoundDeadline, domain.NoticeRoundMissed, domain.NoticeStale, domain.NoticeDue} {
			ns := []domain.PendingNotice{town(lang, kind, "duelmen", "Dülmen"), town(lang, kind, "olfen", "Olfen <b>")}
			for _, box := range []bool{false, true} {
				m, err := c.Reminders(ns, box)
				if err != nil {
					t.Fatal(err)
				}
				for part, text := range map[string]string{"subject": m.Subject, "text": m.TextBody, "html": m.HTMLBody} {
					if id := missingID.FindString(text); id != "" {
						t.Errorf("%s %s %s: message %s missing", lang, kind, part, id)
					}
				}
				if m.Language != lang || m.Kind != domain.MailKind(kind) || !strings.Contains(m.Subject, "2") {
					t.Errorf("%s %s: %s %s %q", lang, kind, m.Language, m.Kind, m.Subject)
				}
				for _, want := range []string{"\nDülmen\n", "\nOlfen <b>\n", "/plaene/plan/kommunen/duelmen", "/plaene/plan/kommunen/olfen"} {
					if !strings.Contains(m.TextBody, want) {
						t.Errorf("%s %s box=%t: text lacks %q:\n%s", lang, kind, box, want, m.TextBody)
					}
				}
				if strings.Contains(m.HTMLBody, "Olfen <b>") || !strings.Contains(m.HTMLBody, "Olfen &lt;b&gt;") {
					t.Errorf("%s %s: the town's name is not escaped in the HTML part", lang, kind)
				}
				if box && (!strings.Contains(m.TextBody, "Dülmen, Olfen <b>") || !strings.HasSuffix(m.UnsubscribeURL, "/funktionspostfach")) {
					t.Errorf("%s %s to the mailbox: footer or link wrong:\n%s", lang, kind, m.TextBody)
				}
			}
		}
	}
	one, err := c.Reminders([]domain.PendingNotice{town("de", domain.NoticeDue, "duelmen", "Dülmen")}, false)
	if err != nil || one.Subject != "Fristen in Dülmen" {
		t.Errorf("one town is the town's own mail: %q %v", one.Subject, err)
	}
}
