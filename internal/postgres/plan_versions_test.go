package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// versionFixture is the small plan with three more municipal measures whose
// Dülmen implementations have history, and a next version started.
type versionFixture struct {
	fixture
	m3, m4, m5, m6 int64 // old measures 1.1.3 … 1.1.6
	newPlan        int64
	newCodes       map[string]int64
}

func newVersionFixture(t *testing.T) versionFixture {
	t.Helper()
	f := versionFixture{fixture: newFixture(t)}
	ctx := context.Background()
	exec := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := f.pool.QueryRow(ctx, sql+` RETURNING id`, args...).Scan(&id); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
		return id
	}
	measure := func(code string) int64 {
		id := exec(`INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, $3, 'Maßnahme '||$3, 'municipal')`, f.plan, f.goal, code)
		exec(`INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2)`, id, f.olfen)
		return id
	}
	f.m3, f.m4, f.m5, f.m6 = measure("1.1.3"), measure("1.1.4"), measure("1.1.5"), measure("1.1.6")
	impl := func(m int64, state string) int64 {
		return exec(`INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress, relevance_decided_on)
			VALUES ($1, $2, 'relevant', $3, CASE $3 WHEN 'completed' THEN 100 WHEN 'in_progress' THEN 40 ELSE 0 END, '2025-02-01')`,
			m, f.duelmen, state)
	}
	impl(f.m3, "completed")
	impl(f.m4, "planned")
	impl(f.m5, "in_progress")
	if _, err := f.pool.Exec(ctx, `UPDATE implementations SET relevance = 'relevant', status = 'in_progress', progress = 40,
		relevance_decided_on = '2025-02-01', contact = 'integration@duelmen.de' WHERE id = $1`, f.implDuelmen); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO progress_updates (implementation_id, reported_on, body, status, progress) VALUES ($1, '2025-06-01', 'Sprachcafé läuft', 'in_progress', 40)`, f.implDuelmen)
	exec(`INSERT INTO milestones (implementation_id, title, due_on) VALUES ($1, 'Zweites Café', '2027-03-01')`, f.implDuelmen)
	exec(`INSERT INTO milestones (implementation_id, title, due_on, done, done_on) VALUES ($1, 'Erstes Café', '2025-03-01', true, '2025-03-01')`, f.implDuelmen)
	exec(`INSERT INTO comments (implementation_id, body) VALUES ($1, 'Raum gefunden')`, f.implDuelmen)

	on := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	p, err := f.db.StartPlanVersion(ctx, f.plan, &f.actor, domain.VersionStart{Title: "Plan 2027", Version: "2.0", AdoptedOn: &on})
	if err != nil {
		t.Fatal(err)
	}
	if p.State != domain.PlanDraft || p.Slug != "plan-2-0" {
		t.Fatalf("draft %+v", p)
	}
	f.newPlan, f.newCodes = p.ID, map[string]int64{}
	rows, _ := f.pool.Query(ctx, `SELECT code, id FROM measures WHERE plan_id = $1`, p.ID)
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			t.Fatal(err)
		}
		f.newCodes[code] = id
	}
	if len(f.newCodes) != 6 {
		t.Fatalf("the draft's catalogue: %v", f.newCodes)
	}
	return f
}

func (f versionFixture) mapping(t *testing.T, old int64, kind domain.MappingKind, reason string, targets ...string) {
	t.Helper()
	if err := f.db.SaveVersionMapping(context.Background(), f.plan, &f.actor,
		domain.MappingEdit{OldMeasureID: old, Kind: kind, Reason: reason, Targets: targets}); err != nil {
		t.Fatalf("mapping %d %s %v: %v", old, kind, targets, err)
	}
}

// implOf is the state of organisation org's implementation of the new
// version's measure code, and the ids it was carried from.
func (f versionFixture) implOf(t *testing.T, code string, org int64) (id int64, state string, progress int, preds []int64) {
	t.Helper()
	err := f.pool.QueryRow(context.Background(), `
		SELECT i.id, i.relevance || '/' || coalesce(i.status, ''), i.progress,
		       coalesce((SELECT array_agg(predecessor_id ORDER BY predecessor_id) FROM implementation_predecessors
		                 WHERE implementation_id = i.id), '{}')
		FROM implementations i WHERE i.measure_id = $1 AND i.organisation_id = $2`, f.newCodes[code], org).
		Scan(&id, &state, &progress, &preds)
	if err != nil {
		t.Fatalf("implementation %s of %d: %v", code, org, err)
	}
	return id, state, progress, preds
}

func oldImpl(t *testing.T, f versionFixture, measure, org int64) int64 {
	t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM implementations WHERE measure_id = $1 AND organisation_id = $2`,
		measure, org).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// Every kind of mapping carries what it should: continued keeps state and
// links the history; merged follows the documented rule and links every
// part; split links the one history from each new measure; dropped carries
// nothing; a new measure gets open implementations. The old version keeps
// its implementations untouched and becomes superseded.
func TestPlanVersionCarriesEveryMappingKind(t *testing.T) {
	f := newVersionFixture(t)
	ctx := context.Background()
	if _, err := f.db.SaveCatalogueItem(ctx, f.newPlan, &f.actor, domain.CatalogueItem{Level: domain.LevelMeasure,
		ParentID: goalOf(t, f, f.newPlan), Code: "1.1.7", Title: "Neu: Lotsen", Scope: domain.ScopeMunicipal}); err != nil {
		t.Fatal(err)
	}
	f.newCodes["1.1.7"] = measureID(t, f, "1.1.7")
	if err := f.db.RetireCatalogueItem(ctx, f.newPlan, &f.actor, domain.LevelMeasure, f.newCodes["1.1.3"], true); err != nil {
		t.Fatal(err)
	}
	f.mapping(t, f.m3, domain.MappingMerged, "", "1.1.4")
	f.mapping(t, f.m4, domain.MappingMerged, "", "1.1.4")
	f.mapping(t, f.m5, domain.MappingSplit, "", "1.1.5", "1.1.7")
	f.mapping(t, f.m6, domain.MappingDropped, "Ziel erreicht")
	if err := f.db.RetireCatalogueItem(ctx, f.newPlan, &f.actor, domain.LevelMeasure, f.newCodes["1.1.6"], true); err != nil {
		t.Fatal(err)
	}
	var before int
	_ = f.pool.QueryRow(ctx, `SELECT count(*) FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1`, f.plan).Scan(&before)

	d, err := f.db.AdoptPlanVersion(ctx, f.plan, &f.actor)
	if err != nil {
		t.Fatalf("adopt: %v", err)
	}
	if d.New.State != domain.PlanAdopted {
		t.Errorf("new version %s", d.New.State)
	}

	id, state, progress, preds := f.implOf(t, "1.1.1", f.duelmen)
	if state != "relevant/in_progress" || progress != 40 || len(preds) != 1 || preds[0] != f.implDuelmen {
		t.Errorf("continued: %s %d from %v", state, progress, preds)
	}
	var contact string
	var openMilestones, allMilestones int
	_ = f.pool.QueryRow(ctx, `SELECT contact, (SELECT count(*) FROM milestones WHERE implementation_id = $1 AND NOT done),
		(SELECT count(*) FROM milestones WHERE implementation_id = $1) FROM implementations WHERE id = $1`, id).
		Scan(&contact, &openMilestones, &allMilestones)
	if contact != "integration@duelmen.de" || openMilestones != 1 || allMilestones != 1 {
		t.Errorf("continued: contact %q, milestones %d open of %d (want the open one copied)", contact, openMilestones, allMilestones)
	}
	lineage, err := f.db.FindLineage(ctx, id)
	if err != nil || len(lineage) != 1 || !lineage[0].Earlier || lineage[0].Updates != 1 || lineage[0].Milestones != 2 ||
		lineage[0].Comments != 1 || lineage[0].PlanSlug != "plan" {
		t.Errorf("the continued implementation's history: %+v, %v", lineage, err)
	}
	if later, _ := f.db.FindLineage(ctx, f.implDuelmen); len(later) != 1 || later[0].Earlier || later[0].ImplementationID != id {
		t.Errorf("the old implementation names its successor: %+v", later)
	}
	if _, state, _, _ := f.implOf(t, "1.1.2", f.county); state != "relevant/in_progress" {
		t.Errorf("county-wide continued: %s", state)
	}

	_, state, progress, preds = f.implOf(t, "1.1.4", f.duelmen)
	if state != "relevant/in_progress" || progress != 50 || len(preds) != 2 {
		t.Errorf("merged completed + planned: %s %d from %v, want in progress at 50 from both", state, progress, preds)
	}
	split := oldImpl(t, f, f.m5, f.duelmen)
	for _, code := range []string{"1.1.5", "1.1.7"} {
		if _, state, _, preds := f.implOf(t, code, f.duelmen); state != "relevant/in_progress" || len(preds) != 1 || preds[0] != split {
			t.Errorf("split into %s: %s from %v, want from %d", code, state, preds, split)
		}
	}
	if _, state, _, preds := f.implOf(t, "1.1.5", f.olfen); state != "open/" || len(preds) != 1 {
		t.Errorf("Olfen's open part of the split: %s from %v", state, preds)
	}
	var retiredImpls, after int
	_ = f.pool.QueryRow(ctx, `SELECT count(*) FROM implementations WHERE measure_id = ANY ($1)`,
		[]int64{f.newCodes["1.1.3"], f.newCodes["1.1.6"]}).Scan(&retiredImpls)
	_ = f.pool.QueryRow(ctx, `SELECT count(*) FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1`, f.plan).Scan(&after)
	if retiredImpls != 0 || after != before {
		t.Errorf("retired new measures have %d implementations; the old version has %d, had %d", retiredImpls, after, before)
	}
	var oldState string
	_ = f.pool.QueryRow(ctx, `SELECT state FROM plans WHERE id = $1`, f.plan).Scan(&oldState)
	if oldState != "superseded" {
		t.Errorf("old version %s", oldState)
	}
	tallies, _ := f.db.TallyByMeasure(ctx, f.newPlan)
	if got := tallies[f.newCodes["1.1.7"]]; got.Total() != 2 {
		t.Errorf("the overview counts %+v for the split's second measure, want 2 implementations", got)
	}
}

// What adoption and the mapping refuse, each with a refusal the user can
// read: a measure without a mapping, a target that is not in the new
// version, a drop without a reason, a second start, a second adoption.
func TestPlanVersionRefusesBadMappings(t *testing.T) {
	f := newVersionFixture(t)
	ctx := context.Background()
	key := func(err error) string { return domain.ErrorKey(err) }

	err := f.db.SaveVersionMapping(ctx, f.plan, &f.actor, domain.MappingEdit{OldMeasureID: f.m3, Kind: domain.MappingMerged, Targets: []string{"9.9.9"}})
	if key(err) != "versions.err.targetMissing" {
		t.Errorf("a merge into no measure: %v", err)
	}
	err = f.db.SaveVersionMapping(ctx, f.plan, &f.actor, domain.MappingEdit{OldMeasureID: f.m3, Kind: domain.MappingDropped, Reason: " "})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a drop with a blank reason reached the store and was taken: %v", err)
	}
	err = f.db.SaveVersionMapping(ctx, f.plan, &f.actor, domain.MappingEdit{OldMeasureID: f.newCodes["1.1.1"], Kind: domain.MappingDropped, Reason: "x"})
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a measure of the new version mapped as an old one: %v", err)
	}
	hostile := `<script>alert(1)</script>'; DROP TABLE plans; --`
	f.mapping(t, f.m6, domain.MappingDropped, hostile)
	d, err := f.db.FindVersionDraft(ctx, f.plan)
	if err != nil || d.Rows[len(d.Rows)-1].Reason != hostile {
		t.Errorf("hostile text is kept as text: %v", err)
	}

	late, err := f.db.SaveCatalogueItem(ctx, f.plan, &f.actor, domain.CatalogueItem{Level: domain.LevelMeasure,
		ParentID: f.goal, Code: "1.1.9", Title: "Spät", Scope: domain.ScopeMunicipal})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.db.AdoptPlanVersion(ctx, f.plan, &f.actor)
	if key(err) != "versions.err.problems" {
		t.Fatalf("a measure without a mapping: %v", err)
	}
	d, _ = f.db.FindVersionDraft(ctx, f.plan)
	if p := d.Problems(); len(p) != 1 || key(p[0]) != "versions.problem.missing" {
		t.Errorf("problems %v, want the one unmapped measure", p)
	}
	f.mapping(t, late, domain.MappingDropped, "doppelt")

	on := time.Now()
	if _, err := f.db.StartPlanVersion(ctx, f.plan, &f.actor, domain.VersionStart{Title: "X", Version: "3", AdoptedOn: &on}); key(err) != "versions.err.started" {
		t.Errorf("a second next version: %v", err)
	}
	if _, err := f.db.AdoptPlanVersion(ctx, f.plan, &f.actor); err != nil {
		t.Fatalf("adopt: %v", err)
	}
	if _, err := f.db.AdoptPlanVersion(ctx, f.plan, &f.actor); key(err) != "versions.err.adopted" {
		t.Errorf("a second adoption: %v", err)
	}
	err = f.db.SaveVersionMapping(ctx, f.plan, &f.actor, domain.MappingEdit{OldMeasureID: f.m3, Kind: domain.MappingDropped, Reason: "x"})
	var de *domain.Error
	if !errors.As(err, &de) || de.Key != "versions.err.adopted" {
		t.Errorf("a mapping changed after adoption: %v", err)
	}
	if _, err := f.db.StartPlanVersion(ctx, f.plan, &f.actor, domain.VersionStart{Title: "X", Version: "3", AdoptedOn: &on}); key(err) != "versions.err.started" {
		t.Errorf("the superseded version continued again: %v", err)
	}
}

func goalOf(t *testing.T, f versionFixture, plan int64) int64 {
	t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM goals WHERE plan_id = $1 AND code = '1.1'`, plan).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func measureID(t *testing.T, f versionFixture, code string) int64 {
	t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM measures WHERE plan_id = $1 AND code = $2`, f.newPlan, code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// Adoption keeps the kept counts right: the new version's monitoring cells
// (judged while it was a draft, so the triggers must follow every carried
// row) and its overview tallies equal a fresh count, and so do the old
// version's.
func TestPlanVersionKeepsTheCountsFresh(t *testing.T) {
	f, _ := monitoringFixture(t)
	ctx := context.Background()
	day := domain.MonitoringDayOf(monitoringToday, 180)
	if _, err := f.db.FindMonitoring(ctx, f.plan, f.county, day); err != nil {
		t.Fatal(err)
	}
	on := monitoringToday
	p, err := f.db.StartPlanVersion(ctx, f.plan, &f.actor, domain.VersionStart{Title: "Plan 2.0", Version: "2.0", AdoptedOn: &on})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.FindMonitoring(ctx, p.ID, f.county, day); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AdoptPlanVersion(ctx, f.plan, &f.actor); err != nil {
		t.Fatal(err)
	}
	old := f
	f.plan = p.ID
	if !sameAsFreshCount(t, f, day, "the new version after adoption") || !sameAsFreshCount(t, old, day, "the old version after adoption") {
		return
	}
	kept, err := f.db.TallyByMeasure(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.pool.Query(ctx, `SELECT m.id, i.relevance, coalesce(i.status, ''), count(i.id)
		FROM measures m LEFT JOIN implementations i ON i.measure_id = m.id WHERE m.plan_id = $1 GROUP BY 1, 2, 3`, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	fresh := map[int64]domain.Tally{}
	var measures []int64
	for rows.Next() {
		var id int64
		var rel, status *string
		var n int
		if err := rows.Scan(&id, &rel, &status, &n); err != nil {
			t.Fatal(err)
		}
		measures = append(measures, id)
		if rel != nil {
			tally := fresh[id]
			tally.Add(domain.Relevance(*rel), domain.Status(*status), n)
			fresh[id] = tally
		}
	}
	if len(measures) == 0 {
		t.Fatal("the new version has no measures")
	}
	total := 0
	for _, m := range measures {
		total += fresh[m].Total()
		if kept[m] != fresh[m] {
			t.Errorf("measure %d: kept %+v, fresh %+v", m, kept[m], fresh[m])
		}
	}
	if total == 0 {
		t.Error("the new version has no implementations")
	}
}
