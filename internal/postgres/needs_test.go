package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestCreateNeedWritesTheNeedAndItsAuditEvent(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	need, err := f.db.CreateNeed(ctx, f.duelmen, &f.actor, "Dolmetscher fehlen", "In allen Beratungen.")
	if err != nil {
		t.Fatal(err)
	}
	if need.ID == 0 || need.OrgSlug != "duelmen" || need.Status != domain.NeedOpen || need.MeasureID != nil ||
		need.CreatedByName != "Koordination Dülmen" || need.Description != "In allen Beratungen." {
		t.Errorf("need = %+v", need)
	}
	events, err := f.db.FindAuditEvents(ctx, f.duelmen, "need", need.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Action != "create" || events[0].Changes["title"].New != "Dolmetscher fehlen" {
		t.Errorf("audit = %+v", events)
	}
}

func TestCreateNeedRefusesATitleTheSchemaDoesNotAllow(t *testing.T) {
	f := newFixture(t)
	_, err := f.db.CreateNeed(context.Background(), f.duelmen, nil, "", "")
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("empty title: err = %v, want invalid", err)
	}
}

func TestFindNeedsListsOneTownAndFindAllNeedsEveryTownOldestFirst(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.need(t, f.olfen, "Sprachkurse")
	second := f.need(t, f.duelmen, "Wohnraum")
	third := f.need(t, f.duelmen, "Kita-Plätze")
	own, err := f.db.FindNeeds(ctx, f.duelmen)
	if err != nil {
		t.Fatal(err)
	}
	if len(own) != 2 || own[0].ID != third.ID || own[1].ID != second.ID {
		t.Errorf("Dülmen's needs = %+v, want its two, newest first", own)
	}
	all, err := f.db.FindAllNeeds(ctx, f.county, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ID != first.ID || all[2].ID != third.ID {
		t.Errorf("all needs = %+v, want three, oldest first", all)
	}
	closed, err := f.db.FindAllNeeds(ctx, f.county, domain.NeedClosed)
	if err != nil || len(closed) != 0 {
		t.Errorf("closed needs = %+v, %v", closed, err)
	}
}

func (f fixture) need(t *testing.T, orgID int64, title string) domain.Need {
	t.Helper()
	n, err := f.db.CreateNeed(context.Background(), orgID, nil, title, "")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpdateNeedLinksACountyMeasureWithAnAuditEvent(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.need(t, f.duelmen, "Dolmetscher")
	got, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, n.Version, domain.NeedChange{Status: domain.NeedTakenUp, MeasureID: &f.countyWide})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != domain.NeedTakenUp || got.MeasureID == nil || *got.MeasureID != f.countyWide ||
		got.MeasureCode != "1.1.2" || got.LinkedAt == nil || got.LinkedByName != "Koordination Dülmen" {
		t.Errorf("need = %+v", got)
	}
	events, _ := f.db.FindAuditEvents(ctx, f.duelmen, "need", n.ID)
	if len(events) != 2 || events[0].Action != "update" || events[0].Changes["status"].New != "taken_up" ||
		events[0].Changes["measure_id"].New != float64(f.countyWide) {
		t.Errorf("audit = %+v", events)
	}

	// Unlinking clears when and by whom it was linked.
	got, err = f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, got.Version, domain.NeedChange{Status: domain.NeedClosed})
	if err != nil || got.MeasureID != nil || got.LinkedAt != nil || got.Status != domain.NeedClosed {
		t.Errorf("after unlinking: %+v, %v", got, err)
	}
}

func TestUpdateNeedRefusesAMeasureThatIsNotCountyWideOfThePlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.need(t, f.duelmen, "Dolmetscher")
	var otherPlan, otherMeasure int64
	if err := f.pool.QueryRow(ctx, `WITH p AS (INSERT INTO plans (owner_id, slug, title) VALUES ($1, 'alt', 'Alt') RETURNING id),
		af AS (INSERT INTO action_fields (plan_id, code, title) SELECT id, '1', 'F' FROM p RETURNING id, plan_id),
		g AS (INSERT INTO goals (plan_id, action_field_id, code, title) SELECT plan_id, id, '1.1', 'Z' FROM af RETURNING id, plan_id)
		INSERT INTO measures (plan_id, goal_id, code, title, scope) SELECT plan_id, id, '1.1.1', 'M', 'county' FROM g
		RETURNING plan_id, id`, f.county).Scan(&otherPlan, &otherMeasure); err != nil {
		t.Fatal(err)
	}
	missing := int64(999999)
	for name, id := range map[string]*int64{"municipal": &f.municipal, "other plan": &otherMeasure, "unknown": &missing} {
		_, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, n.Version, domain.NeedChange{Status: domain.NeedTakenUp, MeasureID: id})
		var de *domain.Error
		if domain.ErrorCode(err) != domain.CodeInvalid || !errors.As(err, &de) || de.Field != "measure_id" {
			t.Errorf("%s measure: err = %v, want invalid measure_id", name, err)
		}
	}
	if _, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, n.Version, domain.NeedChange{Status: "erledigt"}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("unknown status: err = %v, want invalid", err)
	}
	if _, err := f.db.UpdateNeed(ctx, &f.actor, 999999, f.plan, 1, domain.NeedChange{Status: domain.NeedClosed}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("unknown need: err = %v, want not found", err)
	}
	events, _ := f.db.FindAuditEvents(ctx, f.duelmen, "need", n.ID)
	stored, _ := f.db.FindNeeds(ctx, f.duelmen)
	if len(events) != 1 || stored[0].Status != domain.NeedOpen || stored[0].MeasureID != nil {
		t.Errorf("a refused change left traces: events %+v, need %+v", events, stored[0])
	}
}
