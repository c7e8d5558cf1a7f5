package catalogueio

import (
	"strconv"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// CatalogueRecords turns the editor's tree into the catalogue file's rows,
// in catalogue order: each action field, then its goals, each followed by
// its measures.
func CatalogueRecords(tree []domain.CatalogueEntry) [][]string {
	var out [][]string
	var walk func(parent string, entries []domain.CatalogueEntry)
	walk = func(parent string, entries []domain.CatalogueEntry) {
		for _, e := range entries {
			retired := ""
			if e.Retired() {
				retired = yes
			}
			out = append(out, []string{levelNames[e.Level], e.Code, parent, Safe(e.Title), Safe(e.Description),
				scopeNames[e.Scope], retired})
			walk(e.Code, e.Children)
		}
	}
	walk("", tree)
	return out
}

// StateRecord is one implementation's row of the states file.
func StateRecord(s domain.ImplementationState) []string {
	continuous := ""
	if s.Continuous {
		continuous = yes
	}
	return []string{s.OrgSlug, s.MeasureCode, Safe(s.MeasureTitle), relevanceNames[s.Relevance], Safe(s.RelevanceNote),
		statusNames[s.Status], Safe(s.StatusNote), strconv.Itoa(s.Progress), continuous, Safe(s.ResponsibleOrg),
		germanDate(s.StartOn), germanDate(s.DueOn)}
}

func germanDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("02.01.2006")
}
