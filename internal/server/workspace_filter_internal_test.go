package server

import (
	"slices"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// Every parameter a view's query string can carry is one the bulk review
// carries back: a filter added to the one list but not the other would be
// lost after a review (as ?verschoben= was).
func TestViewParamsCoverEveryParameterOfTheQuery(t *testing.T) {
	f := workspaceFilter{View: viewTodo, WorkspaceFilter: domain.WorkspaceFilter{Field: "1", Goal: "1.1",
		Relevance: domain.RelevanceOpen, Status: domain.StatusPlanned, Support: domain.SupportRequested,
		Overdue: true, Stale: true, Postponed: true, Sort: domain.SortByDue}}
	q := f.Query()
	for k := range q {
		if !slices.Contains(viewParams, k) {
			t.Errorf("?%s= is not among viewParams", k)
		}
	}
	if len(q) != len(viewParams) {
		t.Errorf("a view with every filter has %d parameters, viewParams lists %d", len(q), len(viewParams))
	}
	if back := returnQuery(q.Encode()); back.Encode() != q.Encode() {
		t.Errorf("returnQuery(%s) = %s", q.Encode(), back.Encode())
	}
}
