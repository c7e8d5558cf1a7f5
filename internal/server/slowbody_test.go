package server_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/planwerk/planwerk/internal/auth"
)

// TestStalledBodyAnswers408WithoutBlamingTheDatabase sends the headers and
// part of a form, then stalls past the server's read timeout: the answer is
// 408 with a page that says so, and nothing is logged as an error (the
// database is fine; the client is slow).
func TestStalledBodyAnswers408WithoutBlamingTheDatabase(t *testing.T) {
	a := newApp(t)
	duelmen, idle := a.signIn(t, "duelmen"), a.signIn(t, "olfen")
	// A session last used minutes ago is written back on the next request;
	// that write must not turn the slow client into a database outage.
	a.backdateLastSeen(t, idle, 2*time.Minute)
	var logs syncBuffer
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// The same app with a short read timeout, as in production (there 30 s).
	srv := &http.Server{Handler: newServerLogging(t, a.DB, a.IdP.Issuer(), a.URL, slog.New(slog.NewTextHandler(&logs, nil))),
		ReadTimeout: time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	for _, c := range []struct {
		who    string
		client *http.Client
		path   string
	}{{"anonymous", anonymous(), "/sprache"}, {"signed in", duelmen, demoPlan + "/kommunen/duelmen/bedarfe"},
		{"signed in a while ago", idle, demoPlan + "/kommunen/olfen/bedarfe"}} {
		head := postHead(t, a, c.client, c.path, "application/x-www-form-urlencoded", 1000)
		stop := make(stalled)
		status, body := exchange(t, ln.Addr().String(), head, io.MultiReader(strings.NewReader("lang=en&title=Dolmetscher"), stop))
		close(stop)
		if status != http.StatusRequestTimeout {
			t.Errorf("%s: stalled body to %s = %d, want 408", c.who, c.path, status)
		}
		mustContain(t, body, "zu lange gedauert")
		if strings.Contains(body, "Datenbank") {
			t.Errorf("%s: the page blames the database", c.who)
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a slow client is logged as an error:\n%s", logs.String())
	}
}

// stalled sends nothing until it is closed.
type stalled chan struct{}

func (s stalled) Read([]byte) (int, error) {
	<-s
	return 0, io.EOF
}

// backdateLastSeen moves the recorded last activity of the client's session
// back by d, as if the user had paused.
func (a *app) backdateLastSeen(t *testing.T, c *http.Client, d time.Duration) {
	t.Helper()
	store := a.DB.SessionStore()
	for _, k := range c.Jar.Cookies(mustParse(t, a.URL)) {
		if k.Name != auth.CookieName {
			continue
		}
		b, found, err := store.Find(k.Value)
		if err != nil || !found {
			t.Fatalf("session: %v, found %v", err, found)
		}
		expiry, values, err := scs.GobCodec{}.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		values["auth.last_seen"] = time.Now().Add(-d).Unix()
		if b, err = (scs.GobCodec{}).Encode(expiry, values); err != nil {
			t.Fatal(err)
		}
		if err := store.Commit(k.Value, b, expiry); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("no session cookie")
}
