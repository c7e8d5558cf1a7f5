package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// roundColumns are the columns of domain.Round; the FROM clause is roundFrom.
const roundColumns = `rr.id, rr.plan_id, rr.title, rr.deadline, rr.committee, rr.meeting_on, rr.state,
	rr.report_id, rr.opened_at, coalesce(ou.name, ''), rr.closed_at, coalesce(cu.name, '')`

const roundFrom = ` FROM reporting_rounds rr
	LEFT JOIN users ou ON ou.id = rr.opened_by
	LEFT JOIN users cu ON cu.id = rr.closed_by`

func scanRound(row pgx.Row, more ...any) (domain.Round, error) {
	var r domain.Round
	dest := append([]any{&r.ID, &r.PlanID, &r.Title, &r.Deadline, &r.Committee, &r.MeetingOn, &r.State,
		&r.ReportID, &r.OpenedAt, &r.OpenedByName, &r.ClosedAt, &r.ClosedByName}, more...)
	return r, row.Scan(dest...)
}

func findRound(ctx context.Context, q rowQuerier, planID, id int64) (domain.Round, error) {
	return scanRound(q.QueryRow(ctx, `SELECT `+roundColumns+roundFrom+` WHERE rr.id = $1 AND rr.plan_id = $2`, id, planID))
}

// FindRound reads one reporting round of a plan.
func (db *DB) FindRound(ctx context.Context, planID, id int64) (domain.Round, error) {
	r, err := findRound(ctx, db.pool, planID, id)
	return r, translate(err, "reporting_round")
}

// FindRounds lists a plan's reporting rounds: the open one first, then the
// closed ones, most recently closed first.
func (db *DB) FindRounds(ctx context.Context, planID int64) ([]domain.Round, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+roundColumns+roundFrom+` WHERE rr.plan_id = $1
		ORDER BY rr.closed_at DESC NULLS FIRST, rr.id DESC`, planID)
	if err != nil {
		return nil, translate(err, "reporting_round")
	}
	var out []domain.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err, "reporting_round")
		}
		out = append(out, r)
	}
	return out, translate(rows.Err(), "reporting_round")
}

// roundTownsSQL is every town of the plan's county in a round ($1, plan $2,
// opened on $3) in one statement: its completion, how many implementations
// it still has to confirm or update – the rule of domain.NeedsRoundUpdate –
// and the KI's latest reminder to it.
const roundTownsSQL = `
SELECT o.id, o.slug, o.name, o.kind, c.completed_at, coalesce(cu.name, ''), coalesce(t.n, 0),
	nz.body, nz.created_at, coalesce(nz.author, '')
FROM plans p
JOIN organisations o ON o.parent_id = p.owner_id AND o.kind = 'municipality'
LEFT JOIN round_completions c ON c.round_id = $1 AND c.organisation_id = o.id
LEFT JOIN users cu ON cu.id = c.completed_by
LEFT JOIN (
	SELECT i.organisation_id, count(*) AS n
	FROM implementations i JOIN measures m ON m.id = i.measure_id
	WHERE m.plan_id = $2 AND (i.relevance = 'open' OR (i.relevance = 'relevant'
		AND i.status NOT IN ('completed', 'cancelled') AND (i.last_update_on IS NULL OR i.last_update_on < $3::date)))
	GROUP BY i.organisation_id) t ON t.organisation_id = o.id
LEFT JOIN LATERAL (
	SELECT n.body, n.created_at, u.name AS author FROM round_nudges n LEFT JOIN users u ON u.id = n.created_by
	WHERE n.round_id = $1 AND n.organisation_id = o.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) nz ON true
WHERE p.id = $2
ORDER BY o.name`

// FindRoundTowns lists every town of the plan's county with its state in
// the round, by name.
func (db *DB) FindRoundTowns(ctx context.Context, r domain.Round) ([]domain.RoundTown, error) {
	rows, err := db.pool.Query(ctx, roundTownsSQL, r.ID, r.PlanID, r.OpenedOn())
	if err != nil {
		return nil, translate(err, "reporting_round")
	}
	var out []domain.RoundTown
	var t domain.RoundTown
	var completedAt, nudgedAt *time.Time
	var completedBy, nudgeAuthor string
	var nudge *string
	_, err = pgx.ForEachRow(rows, []any{&t.Org.ID, &t.Org.Slug, &t.Org.Name, &t.Org.Kind, &completedAt, &completedBy,
		&t.ToUpdate, &nudge, &nudgedAt, &nudgeAuthor}, func() error {
		town := t
		town.Completion = completionOf(completedAt, completedBy)
		town.LastNudge = nudgeOf(nudge, nudgedAt, nudgeAuthor)
		out = append(out, town)
		return nil
	})
	return out, translate(err, "reporting_round")
}

// FindTownRound reads the plan's open round as one town sees it – its own
// completion and the latest reminder to it – in one statement; ok is false
// when no round is open.
func (db *DB) FindTownRound(ctx context.Context, planID, orgID int64) (tr domain.TownRound, ok bool, err error) {
	var completedAt, nudgedAt *time.Time
	var completedBy, nudgeAuthor string
	var nudge *string
	tr.Round, err = scanRound(db.pool.QueryRow(ctx, `SELECT `+roundColumns+`,
			c.completed_at, coalesce(cbu.name, ''), nz.body, nz.created_at, coalesce(nz.author, '')`+roundFrom+`
		LEFT JOIN round_completions c ON c.round_id = rr.id AND c.organisation_id = $2
		LEFT JOIN users cbu ON cbu.id = c.completed_by
		LEFT JOIN LATERAL (
			SELECT n.body, n.created_at, u.name AS author FROM round_nudges n LEFT JOIN users u ON u.id = n.created_by
			WHERE n.round_id = rr.id AND n.organisation_id = $2 ORDER BY n.created_at DESC, n.id DESC LIMIT 1) nz ON true
		WHERE rr.plan_id = $1 AND rr.state = 'open'`, planID, orgID),
		&completedAt, &completedBy, &nudge, &nudgedAt, &nudgeAuthor)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.TownRound{}, false, nil
	}
	if err != nil {
		return domain.TownRound{}, false, translate(err, "reporting_round")
	}
	tr.Completion = completionOf(completedAt, completedBy)
	tr.LastNudge = nudgeOf(nudge, nudgedAt, nudgeAuthor)
	return tr, true, nil
}

func completionOf(at *time.Time, by string) *domain.RoundCompletion {
	if at == nil {
		return nil
	}
	return &domain.RoundCompletion{CompletedAt: *at, CompletedByName: by}
}

func nudgeOf(body *string, at *time.Time, by string) *domain.RoundNudge {
	if body == nil || at == nil {
		return nil
	}
	return &domain.RoundNudge{Body: *body, CreatedAt: *at, CreatedByName: by}
}
