package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

func TestUnknownAndMalformedAddressesAnswerAGerman404(t *testing.T) {
	srv := newServer(t, postgres.NewDB(testdb.New(t)))
	paths := []string{
		"/massnahmen/abc", "/massnahmen/-1", "/massnahmen/0", "/massnahmen/1e3",
		"/massnahmen/99999999999999999999999", "/massnahmen/424242", "/massnahmen/%27%3B--",
		"/kommunen/gibt-es-nicht", "/kommunen/%3Cscript%3E", "/plaene/unbekannt", "/nirgendwo",
	}
	for _, p := range paths {
		status, body, _ := get(t, srv, http.MethodGet, p)
		if status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, status)
			continue
		}
		mustContain(t, body, `<html lang="de">`, "Seite nicht gefunden", "Zur Startseite")
	}
}

func TestWrongMethodIsRefusedWithAPage(t *testing.T) {
	srv := newServer(t, postgres.NewDB(testdb.New(t)))
	status, body, _ := get(t, srv, http.MethodPost, "/kommunen")
	if status != http.StatusMethodNotAllowed {
		t.Fatalf("POST /kommunen = %d, want 405", status)
	}
	mustContain(t, body, "Aktion nicht möglich")
}

func TestEmptyDatabaseExplainsHowToLoadTheDemo(t *testing.T) {
	srv := newServer(t, postgres.NewDB(testdb.New(t)))
	status, body, _ := get(t, srv, http.MethodGet, "/")
	if status != http.StatusOK {
		t.Fatalf("GET / on an empty database = %d", status)
	}
	mustContain(t, body, "Noch kein Aktionsplan", "planwerk seed --demo")
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	srv := newServer(t, postgres.NewDB(testdb.New(t)))
	for _, p := range []string{"/", "/nirgendwo", "/healthz", "/static/app.css"} {
		_, _, h := get(t, srv, http.MethodGet, p)
		csp := h.Get("Content-Security-Policy")
		if csp == "" || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy = %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers = %v", p, h)
		}
	}
}
