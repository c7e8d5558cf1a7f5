package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

const (
	inboxEmpty = "Zurzeit gibt es nichts Neues für Sie."
	// On the inbox page itself the header's link is the current page.
	headerCount = `href="/neu" aria-current="page">Neu für Sie (%d)</a>`
	headerPlain = `href="/neu" aria-current="page">Neu für Sie</a>`
)

// answerOfDuelmen has the KI accept one of Dülmen's open support requests
// and returns the implementation.
func (a *app) answerOfDuelmen(t *testing.T) supportCase {
	t.Helper()
	sc := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	status, _, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodPost, sc.answer,
		formValues("version", versionOf(sc.impl), "decision", "accepted", "support_response", "Wir melden uns.")...)
	if status != http.StatusSeeOther {
		t.Fatalf("the KI's answer: %d", status)
	}
	return sc
}

func TestInboxTellsTheTownOfTheKIsAnswerAndNobodyElse(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	sc := a.answerOfDuelmen(t)

	duelmen := a.signIn(t, "duelmen")
	_, body, _ := fetch(t, duelmen, http.MethodGet, a.URL+"/neu")
	d := sc.impl
	mustContain(t, body, fmt.Sprintf(headerCount, 1), "ungelesen", "KI – Team Integration 1 hat Ihre Unterstützungsanfrage zu",
		"angenommen.", "Wir melden uns.", fmt.Sprintf(`href="%s#unterstuetzung"`, strings.TrimPrefix(sc.path, a.URL)))
	if d.ID == 0 {
		t.Fatal("no implementation")
	}
	// Another town of the county, the other county's town, the KI itself and
	// the committee hear nothing of it.
	for _, user := range []string{"olfen", "senden", "ki-1", "ki-2", "ausschuss-1"} {
		_, body, _ := fetch(t, a.signIn(t, user), http.MethodGet, a.URL+"/neu")
		mustContain(t, body, inboxEmpty, headerPlain)
		if strings.Contains(body, "hat Ihre Unterstützungsanfrage") {
			t.Errorf("%s sees Dülmen's answer", user)
		}
	}
}

func TestInboxMarksOneAndAllReadInTheOwnInboxOnly(t *testing.T) {
	a := newApp(t)
	sc := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	ki := a.signIn(t, "ki-1")
	for _, text := range []string{"Erste", "Zweite", "Dritte"} {
		if status, _, _ := fetch(t, ki, http.MethodPost, sc.path+"/kommentare", formValues("comment_body", text)...); status != http.StatusSeeOther {
			t.Fatalf("comment: %d", status)
		}
	}
	duelmen := a.signIn(t, "duelmen")
	_, body, _ := fetch(t, duelmen, http.MethodGet, a.URL+"/neu")
	mustContain(t, body, fmt.Sprintf(headerCount, 3), "KI – Team Integration 1 hat 1.", "kommentiert.", "#kommentare")
	ids := regexp.MustCompile(`action="/neu/(\d+)/gelesen"`).FindAllStringSubmatch(body, -1)
	if len(ids) != 3 {
		t.Fatalf("%d entries to mark read, want 3", len(ids))
	}
	// Someone else cannot mark Dülmen's entry: it is not found.
	if status, _, _ := fetch(t, a.signIn(t, "olfen"), http.MethodPost, a.URL+"/neu/"+ids[0][1]+"/gelesen"); status != http.StatusNotFound {
		t.Errorf("Olfen marking Dülmen's entry: %d, want 404", status)
	}
	status, _, h := fetch(t, duelmen, http.MethodPost, a.URL+"/neu/"+ids[0][1]+"/gelesen")
	if status != http.StatusSeeOther || h.Get("Location") != "/neu#eintrag-"+ids[0][1] {
		t.Errorf("marking one read: %d to %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, a.URL+"/neu")
	mustContain(t, body, fmt.Sprintf(headerCount, 2))
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+"/neu/gelesen"); status != http.StatusSeeOther {
		t.Errorf("marking all read: %d", status)
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, a.URL+"/neu")
	mustContain(t, body, headerPlain)
	if strings.Contains(body, "ungelesen") || strings.Contains(body, "Alle als gelesen markieren") {
		t.Error("entries still unread after marking all read")
	}
	// Read entries stay listed.
	if n := strings.Count(body, "kommentiert."); n != 3 {
		t.Errorf("%d entries listed after reading, want 3", n)
	}
}

// The header's count is read with the account: a page costs the same number
// of statements with and without unread entries, and the inbox itself stays
// within the page budget.
func TestInboxCountAddsNoStatement(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	pages := []string{demoPlan + "/kommunen/duelmen?ansicht=aufgaben", demoPlan, "/neu"}
	before := map[string]int64{}
	for _, p := range pages {
		before[p] = queriesOf(t, a, duelmen, p)
	}
	a.answerOfDuelmen(t)
	for _, p := range pages {
		n := queriesOf(t, a, duelmen, p)
		if n != before[p] {
			t.Errorf("%s: %d statements with an unread entry, %d without", p, n, before[p])
		}
		if n > 5 {
			t.Errorf("%s: %d statements, budget 5", p, n)
		}
	}
	_, body, _ := fetch(t, duelmen, http.MethodGet, a.URL+demoPlan)
	mustContain(t, body, `href="/neu">Neu für Sie (1)</a>`)
	// The count is part of the one statement that loads the signed-in
	// account on every request, not a statement of its own.
	ctx, count := postgres.CountQueries(context.Background())
	acc, err := a.DB.FindAccount(ctx, a.userID(t, "demo-duelmen"))
	if err != nil || acc.Unread != 1 || count.N() != 1 {
		t.Errorf("FindAccount: unread %d in %d statements (%v), want 1 in 1", acc.Unread, count.N(), err)
	}
}

func TestInboxCountShowsAtMost99(t *testing.T) {
	a := newApp(t)
	execSQL(t, a, `INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id)
		SELECT u.id, 'round_opened', p.id, o.id FROM users u, plans p, organisations o, generate_series(1, 120)
		WHERE u.subject = 'demo-duelmen' AND o.slug = 'duelmen' AND p.slug = 'integrationskonzept-kreis-coesfeld'`)
	_, body, _ := fetch(t, a.signIn(t, "duelmen"), http.MethodGet, a.URL+"/neu")
	mustContain(t, body, `href="/neu" aria-current="page">Neu für Sie (99&#43;)</a>`) // html/template escapes the "+"
}
