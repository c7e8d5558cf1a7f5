package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/server"
)

// today is the fixed "now" of the HTTP tests, so that overdue and stale
// markers do not change with the calendar.
var today = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newServer(t *testing.T, store server.Store) *server.Server {
	t.Helper()
	srv, err := server.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)),
		server.Options{Operator: "Kreis Test", Now: func() time.Time { return today }})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// get performs a request through the real router and returns status and body.
func get(t *testing.T, h http.Handler, method, path string) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Code, rec.Body.String(), rec.Header()
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}
