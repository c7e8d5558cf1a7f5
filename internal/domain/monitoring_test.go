package domain_test

import (
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func monitoringData() domain.MonitoringData {
	org := func(id int64, name string, kind domain.OrgKind) domain.Organisation {
		return domain.Organisation{ID: id, Name: name, Kind: kind}
	}
	return domain.MonitoringData{
		Orgs:   []domain.Organisation{org(1, "Ascheberg", domain.OrgMunicipality), org(2, "Kreis", domain.OrgCounty), org(3, "Olfen", domain.OrgMunicipality)},
		Fields: []domain.MonitoringField{{ID: 10, Code: "1"}, {ID: 20, Code: "2"}},
		Cells: []domain.MonitoringCell{
			{OrgID: 1, FieldID: 10, MonitoringCounts: domain.MonitoringCounts{Relevant: 3, Completed: 1}, Change: &domain.MonitoringChange{Completed: 1}},
			{OrgID: 1, FieldID: 20, MonitoringCounts: domain.MonitoringCounts{Relevant: 1, OpenDecisions: 1}, Change: &domain.MonitoringChange{Relevant: -1}},
			{OrgID: 2, FieldID: 10, MonitoringCounts: domain.MonitoringCounts{Overdue: 9}},
			{OrgID: 3, FieldID: 10, MonitoringCounts: domain.MonitoringCounts{Stale: 1, OpenSupport: 1}},
			{OrgID: 3, FieldID: 20, MonitoringCounts: domain.MonitoringCounts{Overdue: 1}},
			{OrgID: 4, FieldID: 10, MonitoringCounts: domain.MonitoringCounts{Overdue: 100}}, // no such row: ignored
		},
	}
}

func TestBuildMonitoringOrdersTownsAndKeepsTheCountyOfficeLast(t *testing.T) {
	for _, tt := range []struct {
		order domain.MonitoringSort
		want  []string
	}{
		{domain.SortByAttention, []string{"Olfen", "Ascheberg", "Kreis"}}, // attention 3 before 1
		{domain.SortByName, []string{"Ascheberg", "Olfen", "Kreis"}},
	} {
		m := domain.BuildMonitoring(monitoringData(), 2, tt.order)
		var got []string
		for _, r := range m.Rows() {
			got = append(got, r.Org.Name)
		}
		if len(got) != 3 || got[0] != tt.want[0] || got[1] != tt.want[1] || got[2] != tt.want[2] {
			t.Errorf("%s: rows %v; want %v", tt.order, got, tt.want)
		}
	}
}

func TestBuildMonitoringSumsRowsColumnsAndChanges(t *testing.T) {
	m := domain.BuildMonitoring(monitoringData(), 2, domain.SortByName)
	asche := m.Towns[0]
	if asche.Total.Relevant != 4 || asche.Total.Completed != 1 || asche.Total.Attention() != 1 ||
		asche.Total.Change == nil || *asche.Total.Change != (domain.MonitoringChange{Relevant: -1, Completed: 1}) {
		t.Errorf("Ascheberg total %+v change %+v", asche.Total.MonitoringCounts, asche.Total.Change)
	}
	if m.Towns[1].Total.Change != nil {
		t.Errorf("Olfen has no baseline, but a total change %+v", m.Towns[1].Total.Change)
	}
	if c := m.ColumnTotals[0]; c.Overdue != 9 || c.Relevant != 3 || c.Stale != 1 || c.OpenSupport != 1 {
		t.Errorf("column 1 total %+v; want the county office's 9 overdue included", c.MonitoringCounts)
	}
	if m.Total.Overdue != 10 || m.Total.Attention() != 13 || m.Total.Relevant != 4 {
		t.Errorf("grand total %+v", m.Total.MonitoringCounts)
	}
}

func TestMonitoringDayIsTheWorkspaceRule(t *testing.T) {
	now := time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC)
	day := domain.MonitoringDayOf(now, 10)
	due := day.Today
	open := domain.Implementation{Relevance: domain.RelevanceRelevant, Status: domain.StatusPlanned, DueOn: &due}
	if open.Overdue(now) || due.Before(day.Today) {
		t.Error("a due date of today has passed")
	}
	before := day.Today.AddDate(0, 0, -1)
	open.DueOn = &before
	if !open.Overdue(now) || !before.Before(day.Today) {
		t.Error("yesterday's due date has not passed")
	}
	for _, last := range []time.Time{day.StaleBefore, day.StaleBefore.AddDate(0, 0, -1)} {
		open.LastUpdateOn = &last
		if open.Stale(now, 10) != last.Before(day.StaleBefore) {
			t.Errorf("last report %s: Stale %v, threshold says %v", last, open.Stale(now, 10), last.Before(day.StaleBefore))
		}
	}
}
