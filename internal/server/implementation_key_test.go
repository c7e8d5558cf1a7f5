package server_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// key names an implementation of the demo plan.
func (a *app) key(t *testing.T, orgID, id int64) domain.ImplementationKey {
	t.Helper()
	plan, err := a.DB.FindPlanBySlug(context.Background(), seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	return domain.ImplementationKey{PlanID: plan.ID, OrgID: orgID, ID: id}
}
