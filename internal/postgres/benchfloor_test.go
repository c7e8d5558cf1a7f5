package postgres_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

// The bench's floor shows exactly the rows the workspace reads: one table
// row per implementation of the municipality, with its measure's title.
func TestFloorHandlerRendersTheWorkspaceRows(t *testing.T) {
	db := postgres.NewDB(testdb.New(t))
	ctx := context.Background()
	if err := db.GenerateBenchData(ctx, 3, 20, 2); err != nil {
		t.Fatal(err)
	}
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.FindMunicipalities(ctx, plan.OwnerID)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("municipalities: %v, %d", err, len(orgs))
	}
	want, err := db.FindWorkspace(ctx, orgs[1].ID, plan.ID)
	if err != nil || len(want) == 0 {
		t.Fatalf("workspace: %v, %d rows", err, len(want))
	}
	srv := httptest.NewServer(db.FloorHandler(plan.ID))
	defer srv.Close()
	resp, err := http.Get(fmt.Sprintf("%s/?org=%d", srv.URL, orgs[1].ID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	page := string(body)
	if resp.StatusCode != http.StatusOK || strings.Count(page, "<tr>")-1 != len(want) {
		t.Fatalf("status %d, %d table rows, want %d", resp.StatusCode, strings.Count(page, "<tr>")-1, len(want))
	}
	if !strings.Contains(page, html.EscapeString(want[0].MeasureTitle)) {
		t.Errorf("floor lacks the first measure %q", want[0].MeasureTitle)
	}
	if bad, _ := http.Get(srv.URL + "/?org=x"); bad == nil || bad.StatusCode != http.StatusBadRequest {
		t.Error("an unreadable org is not refused with 400")
	}
}
