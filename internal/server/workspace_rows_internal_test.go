package server

import (
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestWorkspaceRowsEscapeEveryText feeds the Go-written workspace rows
// hostile codes, titles and milestone titles in every list they appear in.
func TestWorkspaceRowsEscapeEveryText(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	due, earlier := today.AddDate(0, 0, -3), today.AddDate(0, -2, 0)
	hostile := domain.WorkspaceEntry{WorkspaceItem: domain.WorkspaceItem{
		Implementation: domain.Implementation{ID: 7, Version: 3, Relevance: domain.RelevanceRelevant,
			Status: domain.StatusInProgress, Progress: 40, DueOn: &due, OriginalDueOn: &earlier, Postponements: 1},
		MeasureCode: `M"><script>`, MeasureTitle: `<img src=x onerror=alert(1)>`, Scope: domain.ScopeLocal, MeasureRetired: true,
		FieldCode: `<b>HF</b>`, FieldTitle: `Feld & "Ziel"`}}
	open := hostile
	open.Relevance = domain.RelevanceOpen
	tr := testTranslator(t, "de")
	r := &workspaceRows{v: view{translator: tr}, today: today, interval: 180,
		selectLabel: splitAround(tr.T("workspace.select", "Code", codeMark)),
		townPath:    "/plaene/p/kommunen/t", canEdit: true, canReview: true, text: newEscapedTexts(tr),
		review: reviewState{Checked: map[int64]bool{7: true}, Stale: map[int64]bool{7: true}}}
	got := string(r.All([]domain.WorkspaceEntry{hostile})) + string(r.Open([]domain.WorkspaceEntry{open})) +
		string(r.Attention([]todoEntry{{WorkspaceEntry: hostile, DueSince: &due,
			Milestones: []domain.MilestoneDue{{Title: `<i>Meilenstein</i>`, DueOn: due}}}}))
	for _, bad := range []string{"<script>", "<img", "<b>", "<i>", `"Ziel"`, `M"`} {
		if strings.Contains(got, bad) {
			t.Errorf("rows contain %q unescaped:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`data-massnahme="M&#34;&gt;&lt;script&gt;"`,
		`<a class="kern-link" href="/plaene/p/kommunen/t/umsetzungen/7">&lt;img src=x onerror=alert(1)&gt;</a>`,
		`&lt;b&gt;HF&lt;/b&gt; Feld &amp; &#34;Ziel&#34;`,
		`&lt;i&gt;Meilenstein&lt;/i&gt;`,
		`id="umsetzung-7" name="umsetzung" value="7" checked aria-describedby="geaendert-7"`,
		`<input type="hidden" name="version_7" value="3">`,
		`>Maßnahme M&#34;&gt;&lt;script&gt; auswählen</label>`,
		`href="/plaene/p/kommunen/t/umsetzungen/7/sachstand">`,
		`<tr class="kern-table__row row--stale"`,
		`</a> <span class="kern-badge kern-badge--warning kern-badge--small">entfallen im Katalog</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rows lack %q:\n%s", want, got)
		}
	}
}

// TestMeasureRowsEscapeEveryText: the measure page's Go-written rows escape
// organisation names and relevance notes.
func TestMeasureRowsEscapeEveryText(t *testing.T) {
	i := domain.MunicipalImplementation{OrgSlug: "duelmen", OrgName: `<script>alert(1)</script>`,
		Implementation: domain.Implementation{ID: 9, Relevance: domain.RelevanceNotRelevant,
			RelevanceNote: `"><img src=x>`, Support: domain.SupportRequested}}
	v := view{translator: testTranslator(t, "de"), Data: measureData{Implementations: []domain.MunicipalImplementation{i}}}
	got := string(measureRows(v))
	if strings.Contains(got, "<script>") || strings.Contains(got, "<img") {
		t.Errorf("rows contain hostile markup unescaped:\n%s", got)
	}
	for _, want := range []string{`&lt;script&gt;alert(1)&lt;/script&gt;</a>`, `&#34;&gt;&lt;img src=x&gt;`, `/kommunen/duelmen/umsetzungen/9"`} {
		if !strings.Contains(got, want) {
			t.Errorf("rows lack %q:\n%s", want, got)
		}
	}
}
