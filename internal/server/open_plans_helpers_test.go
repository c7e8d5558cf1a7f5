package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/seed"
)

// Planted where only members look: none may reach a dataset of the plan.
const (
	plantedComment = "GEHEIM-KOMMENTAR-OFFENE-DATEN"
	plantedEmail   = "geheim-koordination@example.org"
	plantedContact = "geheim-kontakt-offene-daten@example.org"
	hostileTitle   = `=HYPERLINK("http://evil.example","Klick")`
)

// publishDemoPlan publishes the demo plan's status (per town or not) and
// plants internal texts and a hostile measure title; it returns a
// connection for further changes.
func publishDemoPlan(t *testing.T, a *app, perTown bool) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	slug := seed.ConceptSlug
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO plan_publications (plan_id, published, per_town) SELECT id, true, $1 FROM plans WHERE slug = $2`,
			[]any{perTown, slug}},
		{`INSERT INTO comments (implementation_id, body) SELECT id, $1 FROM implementations LIMIT 30`, []any{plantedComment}},
		{`UPDATE implementations SET contact = $1`, []any{plantedContact}},
		{`UPDATE users SET email = $1 WHERE id IN (SELECT user_id FROM memberships WHERE role = 'coordinator')`,
			[]any{plantedEmail}},
		{`UPDATE measures SET title = $1 WHERE id = (SELECT min(m.id) FROM measures m JOIN plans p
		  ON p.id = m.plan_id WHERE p.slug = $2 AND m.scope = 'municipal')`, []any{hostileTitle, slug}},
	} {
		if _, err := conn.Exec(ctx, st.sql, st.args...); err != nil {
			t.Fatalf("%s: %v", st.sql, err)
		}
	}
	return conn
}

// sharedMeasures counts the demo plan's measures in the catalogue (not the
// towns' own).
func sharedMeasures(t *testing.T, conn *pgx.Conn) int {
	t.Helper()
	var n int
	err := conn.QueryRow(context.Background(), `SELECT count(*) FROM measures m JOIN plans p ON p.id = m.plan_id
		WHERE p.slug = $1 AND m.scope <> 'local'`, seed.ConceptSlug).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// openAPIValidator checks answers against the OpenAPI document the server serves.
func openAPIValidator(t *testing.T, a *app) validator.Validator {
	t.Helper()
	_, body, _ := a.apiCall(t, "", http.MethodGet, api.OpenAPIPath, "")
	doc, err := libopenapi.NewDocument([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return v
}

// validGet fetches an API path without a token and checks the answer
// against the document; it returns status, body and headers.
func validGet(t *testing.T, a *app, v validator.Validator, path string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, a.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := anonymous().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := v.ValidateHttpResponse(req, resp); !ok {
		for _, e := range errs {
			t.Errorf("GET %s does not match the OpenAPI document: %s (%s)", path, e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
	return resp.StatusCode, string(body), resp.Header
}
