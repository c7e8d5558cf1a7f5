package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// reviewSetup finds open implementations of Dülmen (and one of Olfen) to
// review, and remembers how they stood.
type reviewSetup struct {
	a            *app
	duelmen      domain.Organisation
	open         []domain.WorkspaceEntry // Dülmen, relevance open
	relevant     domain.WorkspaceEntry   // Dülmen, already relevant
	olfenOpenImp domain.WorkspaceEntry   // Olfen, relevance open
	// audits counts the audit events of each of them before the test acts.
	audits map[int64]int
}

func newReviewSetup(t *testing.T) reviewSetup {
	t.Helper()
	a := newApp(t)
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	s := reviewSetup{a: a}
	workspace := func(slug string) (domain.Organisation, []domain.WorkspaceEntry) {
		org, err := a.DB.FindOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		return org, items
	}
	var items []domain.WorkspaceEntry
	s.duelmen, items = workspace("duelmen")
	for _, it := range items {
		switch it.Relevance {
		case domain.RelevanceOpen:
			s.open = append(s.open, it)
		case domain.RelevanceRelevant:
			s.relevant = it
		}
	}
	_, olfen := workspace("olfen")
	for _, it := range olfen {
		if it.Relevance == domain.RelevanceOpen {
			s.olfenOpenImp = it
		}
	}
	if len(s.open) < 3 || s.relevant.ID == 0 || s.olfenOpenImp.ID == 0 {
		t.Fatalf("demo data lack open implementations: %d in Dülmen", len(s.open))
	}
	s.audits = map[int64]int{}
	for _, it := range append(slices.Clone(s.open), s.relevant, s.olfenOpenImp) {
		s.audits[it.ID] = s.auditCount(t, it.OrganisationID, it.ID)
	}
	return s
}

func (s reviewSetup) auditCount(t *testing.T, orgID, id int64) int {
	t.Helper()
	events, err := s.a.DB.FindAuditEvents(context.Background(), orgID, "implementation", id)
	if err != nil {
		t.Fatal(err)
	}
	return len(events)
}

// form builds the bulk review fields for the given implementations.
func reviewForm(items []domain.WorkspaceEntry, fields ...string) []string {
	for _, it := range items {
		fields = append(fields, fmt.Sprintf("umsetzung=%d", it.ID), fmt.Sprintf("version_%d=%d", it.ID, it.Version))
	}
	return fields
}

// unchanged fails the test if any of the implementations was changed or got
// an audit event.
func (s reviewSetup) unchanged(t *testing.T, orgID int64, items ...domain.WorkspaceEntry) {
	t.Helper()
	ctx := context.Background()
	for _, it := range items {
		now, err := s.a.DB.FindImplementation(ctx, s.a.key(t, orgID, it.ID))
		if err != nil {
			t.Fatal(err)
		}
		if now.Version != it.Version || now.Relevance != it.Relevance || now.RelevanceNote != it.RelevanceNote {
			t.Errorf("implementation %d (%s) was changed: %s v%d → %s v%d", it.ID, it.MeasureCode,
				it.Relevance, it.Version, now.Relevance, now.Version)
		}
		if n := s.auditCount(t, orgID, it.ID); n != s.audits[it.ID] {
			t.Errorf("implementation %d (%s) got %d audit events for a change that was refused",
				it.ID, it.MeasureCode, n-s.audits[it.ID])
		}
	}
}

func TestBulkReviewMarksEveryCheckedImplementationAndAuditsEach(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	chosen := s.open[:3]
	status, _, h := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm(chosen, "relevance=relevant", "relevance_note=", "zurueck="+url.QueryEscape("relevanz=offen&handlungsfeld=1&evil=x"))...)
	if status != http.StatusSeeOther {
		t.Fatalf("bulk review: %d, want 303", status)
	}
	loc := mustParse(t, h.Get("Location"))
	q := loc.Query()
	if loc.Path != demoPlan+"/kommunen/duelmen" || q.Get("relevanz") != "offen" || q.Get("handlungsfeld") != "1" || q.Has("evil") {
		t.Errorf("redirect to %s: want the workspace with its filters (and nothing else)", loc)
	}
	_, body, _ := fetch(t, c, http.MethodGet, s.a.URL+loc.String())
	mustContain(t, body, "3 Maßnahmen als relevant markiert.")

	ctx := context.Background()
	for _, it := range chosen {
		now, err := s.a.DB.FindImplementation(ctx, s.a.key(t, s.duelmen.ID, it.ID))
		if err != nil {
			t.Fatal(err)
		}
		if now.Relevance != domain.RelevanceRelevant || now.Status != domain.StatusPlanned || now.Version != it.Version+1 {
			t.Errorf("%s: %s/%s v%d, want relevant/planned v%d", it.MeasureCode, now.Relevance, now.Status, now.Version, it.Version+1)
		}
		events, err := s.a.DB.FindAuditEvents(ctx, s.duelmen.ID, "implementation", it.ID)
		if err != nil || len(events) == 0 {
			t.Fatalf("%s: no audit event (%v)", it.MeasureCode, err)
		}
		ch, ok := events[0].Changes["relevance"]
		if !ok || fmt.Sprint(ch.Old) != "open" || fmt.Sprint(ch.New) != "relevant" || events[0].ActorID == nil ||
			!strings.Contains(events[0].ActorName, "Dülmen") {
			t.Errorf("%s: audit event %+v, want open → relevant by the Dülmen coordinator", it.MeasureCode, events[0])
		}
	}
	s.unchanged(t, s.duelmen.ID, s.open[3:]...) // what was not checked stays as it was
}

func TestBulkReviewByTheKIWithReasonAndUnchangedRows(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "ki-1")
	status, _, h := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm(s.open[:2], "relevance=already_in_place", "relevance_note="+url.QueryEscape("Läuft seit 2023 über das Familienbüro"),
			"zurueck=ansicht%3Daufgaben")...)
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "ansicht=aufgaben") {
		t.Fatalf("KI bulk review: %d → %q", status, h.Get("Location"))
	}
	now, err := s.a.DB.FindImplementation(context.Background(), s.a.key(t, s.duelmen.ID, s.open[0].ID))
	if err != nil || now.Relevance != domain.RelevanceAlreadyInPlace || now.RelevanceNote != "Läuft seit 2023 über das Familienbüro" {
		t.Errorf("after review: %+v (%v)", now, err)
	}
	// Deciding "relevant" for one that already is leaves it alone and says so.
	status, _, h = fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm([]domain.WorkspaceEntry{s.relevant, s.open[2]}, "relevance=relevant")...)
	if status != http.StatusSeeOther {
		t.Fatalf("relevant again: %d", status)
	}
	_, body, _ := fetch(t, c, http.MethodGet, s.a.URL+h.Get("Location"))
	mustContain(t, body, "1 Maßnahme als relevant markiert.", "1 Maßnahme war bereits so eingestuft und blieb unverändert.")
	s.unchanged(t, s.duelmen.ID, s.relevant)
}

func TestBulkReviewWithoutReasonSavesNothing(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	status, body, _ := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm(s.open[:3], "relevance=not_relevant", "relevance_note=+++", "zurueck=relevanz%3Doffen")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("no reason: %d, want 422", status)
	}
	mustContain(t, body, "Bitte geben Sie einen Grund an", `aria-invalid="true" aria-describedby="review-relevance_note-error"`,
		`id="review-relevance-not_relevant" name="relevance" value="not_relevant" checked`,
		fmt.Sprintf(`id="umsetzung-%d" name="umsetzung" value="%d" checked`, s.open[0].ID, s.open[0].ID),
		`name="zurueck" value="relevanz=offen"`)
	s.unchanged(t, s.duelmen.ID, s.open...)
}

func TestBulkReviewRefusesIncompleteForms(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	for _, tc := range []struct {
		name string
		form []string
		want string
	}{
		{"nothing checked", []string{"relevance=relevant"}, "Bitte wählen Sie mindestens eine Maßnahme aus."},
		{"no decision", reviewForm(s.open[:1]), "Bitte wählen Sie eine Entscheidung"},
		{"open is no decision", reviewForm(s.open[:1], "relevance=open"), "Bitte wählen Sie eine Entscheidung"},
		{"no version", []string{fmt.Sprintf("umsetzung=%d", s.open[0].ID), "relevance=relevant"}, "Die Auswahl ist unvollständig"},
		{"not an id", []string{"umsetzung=abc", "relevance=relevant"}, "Die Auswahl ist unvollständig"},
	} {
		status, body, _ := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz", tc.form...)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d, want 422 saying %q", tc.name, status, tc.want)
		}
	}
	s.unchanged(t, s.duelmen.ID, s.open...)
}

func TestBulkReviewWithOneStaleVersionSavesNothing(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	// Someone else decides the second one after the page was shown.
	stale := s.open[1]
	if _, err := s.a.DB.UpdateImplementation(context.Background(), s.a.key(t, s.duelmen.ID, stale.ID), stale.Version, nil,
		func(i domain.Implementation) (domain.Implementation, error) {
			return domain.RelevanceDecision{Relevance: domain.RelevanceNotRelevant, Note: "Kein Bedarf"}.Apply(i, today)
		}); err != nil {
		t.Fatal(err)
	}
	status, body, _ := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm(s.open[:3], "relevance=relevant")...)
	if status != http.StatusConflict {
		t.Fatalf("stale version: %d, want 409", status)
	}
	mustContain(t, body, "Inzwischen von jemand anderem geändert: Maßnahme "+stale.MeasureCode+".", fmt.Sprintf(`id="geaendert-%d"`, stale.ID),
		fmt.Sprintf(`name="version_%d" value="%d"`, stale.ID, stale.Version+1)) // now showing the current version
	s.unchanged(t, s.duelmen.ID, s.open[0], s.open[2])
}

func TestBulkReviewRefusesImplementationsOfAnotherTown(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	olfen, err := s.a.DB.FindOrganisationBySlug(context.Background(), "olfen")
	if err != nil {
		t.Fatal(err)
	}
	// An Olfen id smuggled into Dülmen's review: refused, and nothing of the batch saved.
	status, body, _ := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm([]domain.WorkspaceEntry{s.open[0], s.olfenOpenImp}, "relevance=relevant")...)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "nicht zu dieser Kommune gehören") {
		t.Errorf("foreign id: %d, want 422 with a message", status)
	}
	s.unchanged(t, s.duelmen.ID, s.open[0])
	s.unchanged(t, olfen.ID, s.olfenOpenImp)
}

func TestBulkReviewIsRefusedToThoseWhoMayNotEdit(t *testing.T) {
	s := newReviewSetup(t)
	for _, user := range []string{"olfen", "ausschuss-1", "admin"} {
		c := s.a.signIn(t, user)
		status, body, _ := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
			reviewForm(s.open[:2], "relevance=relevant")...)
		if status != http.StatusForbidden {
			t.Errorf("%s posting to Dülmen: %d, want 403", user, status)
		}
		if strings.Contains(body, `action="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/relevanz"`) {
			t.Errorf("%s: the refusal offers the review form", user)
		}
	}
	s.unchanged(t, s.duelmen.ID, s.open...)
}
