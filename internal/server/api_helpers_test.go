package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// newToken signs in as username and creates a personal API token on the
// tokens page, as a user would; it returns the secret shown once.
func (a *app) newToken(t *testing.T, username string) string {
	t.Helper()
	c := a.signIn(t, username)
	status, body, _ := fetch(t, c, http.MethodPost, a.URL+"/konto/api-zugaenge", "name=Skript", "days=30")
	if status != http.StatusCreated {
		t.Fatalf("create token as %s = %d", username, status)
	}
	m := regexp.MustCompile(`<code id="new-token">(pw_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the new token is not shown once created")
	}
	return m[1]
}

// apiCall sends a JSON request to the API with token ("" for none); headers
// are name, value pairs.
func (a *app) apiCall(t *testing.T, token, method, path, body string, headers ...string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, a.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := anonymous().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// problem is an RFC 9457 answer as the tests read it.
type problem struct {
	Type, Title, Detail, Code string
	Status                    int
	Errors                    []struct{ Location, Message string }
	Current                   json.RawMessage
}

// mustProblem checks that an answer is a problem-details document with the
// status given and returns it.
func mustProblem(t *testing.T, status int, body string, hdr http.Header, want int) problem {
	t.Helper()
	if status != want {
		t.Fatalf("status = %d, want %d; body %s", status, want, body)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type = %q, want application/problem+json; body %s", ct, body)
	}
	var p problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("not JSON: %v: %s", err, body)
	}
	if p.Status != want || p.Code == "" || p.Title == "" {
		t.Fatalf("problem lacks status/code/title: %s", body)
	}
	return p
}

// userID is the id of the demo account with the given subject.
func (a *app) userID(t *testing.T, subject string) int64 {
	t.Helper()
	accounts, err := a.DB.FindAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range accounts {
		if acc.Subject == subject {
			return acc.ID
		}
	}
	t.Fatalf("no account %s", subject)
	return 0
}

// hashOf is how tokens are stored (apitoken.hash).
func hashOf(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
