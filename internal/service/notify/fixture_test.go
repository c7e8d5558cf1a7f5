package notify_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/service/notify"
	"github.com/planwerk/planwerk/internal/service/round"
	"github.com/planwerk/planwerk/internal/testdb"
)

// day0 is the fixture's first day, a Tuesday.
var day0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// fixture: a county with Dülmen and Nottuln, a plan whose reports are due
// every 30 days, Dülmen's implementation of 1.1.1 (in progress since
// 20 Nov, due on 8 Dec, with a milestone due on 4 Dec) and Nottuln's
// (planned, no date). Anna coordinates Dülmen (German), Bert Nottuln
// (English); the KI has a member. The clock is the fixture's to move.
type fixture struct {
	pool     *pgxpool.Pool
	db       *postgres.DB
	svc      *notify.Service
	settings *notify.Settings
	impls    *implementation.Service
	rounds   *round.Service
	scope    domain.PlanScope
	impl     domain.ImplementationKey
	ki       domain.Actor
	anna     domain.Actor
	bert     domain.Actor
	duelmen  int64
	nottuln  int64

	mu    sync.Mutex
	today time.Time
}

func (f *fixture) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.today
}

// at sets the clock to day0 plus days.
func (f *fixture) at(days int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.today = day0.AddDate(0, 0, days)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	f := &fixture{pool: pool, db: postgres.NewDB(pool), today: day0}
	composer, err := mailtext.New("https://planwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	f.svc = notify.New(f.db, composer, &recorder{}, f.now, nil)
	f.settings = notify.NewSettings(f.db, f.now)
	f.impls = implementation.New(f.db, f.now)
	f.rounds = round.New(f.db, f.now)
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	var county, plan, field, goal, measure, impl int64
	row(&county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, county)
	row(&f.nottuln, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('nottuln', 'Nottuln', 'municipality', $1) RETURNING id`, county)
	row(&plan, `INSERT INTO plans (owner_id, slug, title, adopted_on, update_interval_days) VALUES ($1, 'plan', 'Integrationsplan', '2024-12-01', 30) RETURNING id`, county)
	row(&field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, plan)
	row(&goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan, field)
	row(&measure, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, plan, goal)
	row(&impl, `INSERT INTO implementations (measure_id, organisation_id, relevance, relevance_decided_on, status, start_on, due_on)
		VALUES ($1, $2, 'relevant', '2026-11-01', 'in_progress', '2026-11-20', '2026-12-08') RETURNING id`, measure, f.duelmen)
	row(new(int64), `INSERT INTO milestones (implementation_id, title, due_on) VALUES ($1, 'Raum gefunden', '2026-12-04') RETURNING id`, impl)
	row(new(int64), `INSERT INTO implementations (measure_id, organisation_id, relevance, relevance_decided_on, status)
		VALUES ($1, $2, 'relevant', '2026-11-25', 'planned') RETURNING id`, measure, f.nottuln)
	f.impl = domain.ImplementationKey{PlanID: plan, OrgID: f.duelmen, ID: impl}
	user := func(a *domain.Actor, subject, name, email, lang, role string, org int64) {
		t.Helper()
		a.Name = name
		row(&a.ID, `INSERT INTO users (issuer, subject, name, email, mail_language) VALUES ('https://idp', $1, $2, $3, $4) RETURNING id`,
			subject, name, email, lang)
		row(new(int64), `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) RETURNING id`, a.ID, org, role)
	}
	user(&f.ki, "ki", "KI Eins", "ki@kreis.example", "de", "ki", county)
	user(&f.anna, "anna", "Anna Dülmen", "anna@duelmen.example", "de", "coordinator", f.duelmen)
	user(&f.bert, "bert", "Bert Nottuln", "bert@nottuln.example", "en", "coordinator", f.nottuln)
	if f.scope.Plan, err = f.db.FindPlanBySlug(ctx, "plan"); err != nil {
		t.Fatal(err)
	}
	return f
}

// scan runs the daily scan on day0+days and returns how many reminders it wrote.
func (f *fixture) scan(t *testing.T, days int) int {
	t.Helper()
	f.at(days)
	n, err := f.svc.ScanReminders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// reminders lists a person's notifications of a kind, oldest first.
func (f *fixture) reminders(t *testing.T, a domain.Actor, kind domain.NoticeKind) []domain.NoticeParams {
	t.Helper()
	rows, err := f.pool.Query(context.Background(), `SELECT params FROM notifications
		WHERE recipient_id = $1 AND kind = $2 ORDER BY id`, a.ID, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []domain.NoticeParams
	for rows.Next() {
		var p domain.NoticeParams
		if err := rows.Scan(&p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// mails lists the stored mails to an address: kind and subject.
func (f *fixture) mails(t *testing.T, address string) []domain.MailMessage {
	t.Helper()
	list, err := f.db.FindMailLog(context.Background(), domain.MailLogFilter{Query: address, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// recorder is a sender that keeps what it was given.
type recorder struct {
	mu   sync.Mutex
	sent []domain.MailMessage
}

func (r *recorder) Send(_ context.Context, m domain.MailMessage) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return nil
}

func (r *recorder) Transport() string { return "test" }
