package server_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Every line of the catalogue history reads as a sentence in the page's
// language, with values translated: a new measure's kind is "kommunal",
// never the stored "municipal"; a new item is not shown as changed from
// nothing ("– →").
func TestCatalogueHistoryReadsAsProse(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	base := a.URL + demoPlan + "/katalog"
	code := goal.Code + ".98"
	if status, _, _ := fetch(t, ki, "POST", base+"/massnahmen/neu", formValues("parent_id", fmt.Sprint(goal.ID),
		"code", code, "title", "Lotsen für Neuzugewanderte", "scope", "county")...); status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	id := a.measureIDOf(t, code)
	if status, _, _ := fetch(t, ki, "POST", fmt.Sprintf("%s/massnahmen/%d", base, id), formValues("parent_id", fmt.Sprint(goal.ID),
		"code", code, "title", "Lotsen für Neuzugewanderte", "description", "Ehrenamtliche begleiten.", "scope", "county")...); status != http.StatusSeeOther {
		t.Fatalf("save: %d", status)
	}
	_, body, _ := fetch(t, ki, "GET", base+"/verlauf")
	body = html.UnescapeString(body)
	mustContain(t, body, "angelegt mit der Kennung "+code, "Titel: „Lotsen für Neuzugewanderte“",
		"Art: kreisweit – die KI setzt die Maßnahme selbst um", "Beschreibung ergänzt: „Ehrenamtliche begleiten.“")
	for _, raw := range []string{"Art: county", "county", "– →", "„–“"} {
		if strings.Contains(body, raw) {
			t.Errorf("the history shows %q", raw)
		}
	}

	fetch(t, ki, "POST", a.URL+"/sprache", "lang=en", "next=/")
	_, en, _ := fetch(t, ki, "GET", base+"/verlauf")
	mustContain(t, html.UnescapeString(en), "created with the code "+code, "Kind: county-wide – the KI carries the measure itself",
		"Description added: “Ehrenamtliche begleiten.”")
}

// measureIDOf is the id of the demo plan's measure with code.
func (a *app) measureIDOf(t *testing.T, code string) int64 {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var id int64
	if err := conn.QueryRow(context.Background(), `SELECT m.id FROM measures m JOIN plans p ON p.id = m.plan_id
		WHERE p.slug = 'integrationskonzept-kreis-coesfeld' AND m.code = $1`, code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
