package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// Every rule of a catalogue item, each problem named at its field, all at once.
func TestCatalogueItemCheck(t *testing.T) {
	long := strings.Repeat("x", 501)
	for _, tc := range []struct {
		name   string
		item   domain.CatalogueItem
		fields []string // refused fields; none: accepted
	}{
		{"field", domain.CatalogueItem{Level: domain.LevelField, Code: "3", Title: "Arbeit"}, nil},
		{"field code with a dot", domain.CatalogueItem{Level: domain.LevelField, Code: "3.1", Title: "Arbeit"}, []string{"code"}},
		{"goal", domain.CatalogueItem{Level: domain.LevelGoal, ParentID: 1, Code: "3.1", Title: "Ziel"}, nil},
		{"goal without field", domain.CatalogueItem{Level: domain.LevelGoal, Code: "3.1", Title: "Ziel"}, []string{"parent_id"}},
		{"measure", domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: 1, Code: "3.1.2-a", Title: "M", Scope: domain.ScopeMunicipal}, nil},
		{"measure code with a blank", domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: 1, Code: "3.1 2", Title: "M", Scope: domain.ScopeCounty}, []string{"code"}},
		{"measure code too long", domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: 1, Code: strings.Repeat("1", 41), Title: "M", Scope: domain.ScopeCounty}, []string{"code"}},
		{"local measure", domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: 1, Code: "3.1.2", Title: "M", Scope: domain.ScopeLocal}, []string{"scope"}},
		{"everything missing", domain.CatalogueItem{Level: domain.LevelMeasure, Title: " "}, []string{"parent_id", "code", "title", "scope"}},
		{"title too long", domain.CatalogueItem{Level: domain.LevelGoal, ParentID: 1, Code: "3.1", Title: long}, []string{"title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.item.Check()
			var got []string
			for _, e := range flatten(err) {
				var de *domain.Error
				if errors.As(e, &de) {
					got = append(got, de.Field)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("refused %v, want %v (%v)", got, tc.fields, err)
			}
		})
	}
}

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
