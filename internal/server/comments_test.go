package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestCommentsAreAThreadBetweenTownAndKIHiddenFromEveryoneElse(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen, ki := a.signIn(t, "duelmen"), a.signIn(t, "ki-1")
	question := "Können Sie uns Dolmetscher vermitteln? <script>alert('frage')</script>"
	answer := "Ja, wir melden uns bis Freitag."
	before := len(a.records(t, tr).Comments) // the demo data may have some

	for _, post := range []struct {
		client *http.Client
		body   string
	}{{duelmen, question}, {ki, answer}} {
		status, _, hdr := fetch(t, post.client, http.MethodPost, a.URL+tr.path+"/kommentare", kv("comment_body", post.body))
		if status != http.StatusSeeOther || hdr.Get("Location") != tr.path+"?gespeichert=kommentar#kommentare" {
			t.Fatalf("comment = %d → %q", status, hdr.Get("Location"))
		}
	}
	escapedQuestion := "Können Sie uns Dolmetscher vermitteln? &lt;script&gt;alert(&#39;frage&#39;)&lt;/script&gt;"
	for _, c := range []*http.Client{duelmen, ki} {
		_, page, _ := fetch(t, c, http.MethodGet, a.URL+tr.path)
		mustContain(t, page, `id="kommentare"`, escapedQuestion, answer,
			`<span class="comments__author">Koordination Dülmen</span> · <time datetime="`)
		if strings.Contains(page, "<script>alert(") {
			t.Error("a comment's script is in the page unescaped")
		}
		q, r := strings.Index(page, escapedQuestion), strings.Index(page, answer)
		if q < 0 || r < 0 || q > r {
			t.Error("the thread is not oldest first")
		}
	}

	// The committee, another town and the administration never see the thread,
	// and cannot write to it (404: they may not know it exists).
	for _, user := range []string{"ausschuss-1", "olfen", "admin"} {
		c := a.signIn(t, user)
		status, page, _ := fetch(t, c, http.MethodGet, a.URL+tr.path)
		if status != http.StatusOK {
			t.Fatalf("%s reading the implementation: %d", user, status)
		}
		for _, secret := range []string{"Dolmetscher vermitteln", answer, `id="kommentare"`, "/kommentare"} {
			if strings.Contains(page, secret) {
				t.Errorf("%s sees %q", user, secret)
			}
		}
		if status, _, _ := fetch(t, c, http.MethodPost, a.URL+tr.path+"/kommentare", kv("comment_body", "Ich auch")); status != http.StatusNotFound {
			t.Errorf("%s writing a comment: %d, want 404", user, status)
		}
	}
	if got := a.records(t, tr).Comments; len(got) != before+2 {
		t.Errorf("%d new comments, want the 2 accepted ones", len(got)-before)
	}
}

func TestCommentsRefuseEmptyAndOverlongTextKeepingIt(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	before := len(a.records(t, tr).Comments)
	long := strings.Repeat("<", 5001) // escapes to far more, but counts as 5001 characters
	for _, c := range []struct{ name, body, message, kept string }{
		{"empty", " \r\n ", "Bitte schreiben Sie einen Kommentar", ""},
		{"too long", long, "höchstens 5000 Zeichen", strings.Repeat("&lt;", 5000)}, // echoed up to the maximum
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/kommentare", kv("comment_body", c.body))
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			besideField(t, body, "comment_body", c.message)
			mustContain(t, body, c.kept, "Bitte prüfen Sie die markierten Felder.")
		})
	}
	// Exactly the limit is accepted; CRLF line breaks count once.
	limit := strings.Repeat("a\r\n", 2500)
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/kommentare", kv("comment_body", limit)); status != http.StatusSeeOther {
		t.Errorf("a comment of 5000 characters with CRLF breaks: %d, want 303", status)
	}
	got := a.records(t, tr).Comments
	if len(got) != before+1 || len([]rune(got[len(got)-1].Body)) != 4999 {
		t.Errorf("%d new comments, want only the accepted one (its trailing break trimmed)", len(got)-before)
	}
}
