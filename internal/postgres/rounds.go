package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/planwerk/planwerk/internal/domain"
)

// OpenRound opens a reporting round of r.PlanID and creates the draft report
// it feeds, in one transaction: the report covers the period from the day
// after the last frozen report (or the plan's adoption) to the deadline. A
// plan has at most one open round; a second is refused.
func (db *DB) OpenRound(ctx context.Context, actor domain.Actor, r domain.Round, report domain.Report) (domain.Round, error) {
	var out domain.Round
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Locking the plan serialises two KI staff opening a round at once.
		var adopted, lastTo *time.Time
		var open bool
		err := tx.QueryRow(ctx, `SELECT p.adopted_on,
				(SELECT max(period_to) FROM reports WHERE plan_id = p.id AND state = 'frozen'),
				EXISTS (SELECT 1 FROM reporting_rounds WHERE plan_id = p.id AND state = 'open')
			FROM plans p WHERE p.id = $1 FOR NO KEY UPDATE OF p`, r.PlanID).Scan(&adopted, &lastTo, &open)
		if err != nil {
			return err
		}
		if open {
			return errRoundAlreadyOpen
		}
		report.PlanID = r.PlanID
		report.PeriodFrom, report.PeriodTo = domain.RoundReportPeriod(lastTo, adopted, r.Deadline)
		reportID, err := insertReport(ctx, tx, actor, report)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO reporting_rounds (plan_id, title, deadline, committee, meeting_on,
				report_id, opened_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			r.PlanID, r.Title, r.Deadline, r.Committee, r.MeetingOn, reportID, actor.UserID()).Scan(&id)
		if err != nil {
			return err
		}
		err = insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), Entity: "reporting_round", EntityID: id,
			Action: "create", Changes: map[string]domain.Change{"title": {New: r.Title},
				"deadline": {New: r.Deadline.Format(time.DateOnly)}, "report_id": {New: reportID}}})
		if err != nil {
			return err
		}
		err = notifyTowns(ctx, tx, domain.NoticeRoundOpened, r.PlanID, 0, actor.UserID(), domain.NoticeParams{
			RoundID: id, RoundTitle: r.Title, Deadline: r.Deadline.Format(time.DateOnly)})
		if err != nil {
			return err
		}
		out, err = findRound(ctx, tx, r.PlanID, id)
		return err
	})
	if isOneOpenRoundViolation(err) {
		err = errRoundAlreadyOpen
	}
	return out, translate(err, "reporting_round")
}

var errRoundAlreadyOpen = domain.Keyed(domain.CodeConflict, "", "round.err.alreadyOpen", "a round of this plan is open already")

// isOneOpenRoundViolation recognises the unique index that allows one open
// round per plan, should a second round slip past the check.
func isOneOpenRoundViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "reporting_rounds_one_open_idx"
}

// lockRound reads a round of planID and locks it: share for a town's
// completion or a reminder (many may run at once), update for closing, so
// that no completion changes while the round closes.
func lockRound(ctx context.Context, tx pgx.Tx, planID, id int64, mode string) (domain.Round, error) {
	lock := ` FOR SHARE OF rr`
	if mode == "update" {
		lock = ` FOR UPDATE OF rr`
	}
	r, err := scanRound(tx.QueryRow(ctx, `SELECT `+roundColumns+roundFrom+` WHERE rr.id = $1 AND rr.plan_id = $2`+lock, id, planID))
	if err != nil {
		return r, err
	}
	return r, domain.CheckRoundOpen(r)
}

// CompleteRound records a town's "Meldung abgeschlossen" in an open round;
// completing again changes nothing.
func (db *DB) CompleteRound(ctx context.Context, actor domain.Actor, planID, roundID int64, org domain.Organisation) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := lockRound(ctx, tx, planID, roundID, "share"); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO round_completions (round_id, organisation_id, completed_by)
			VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, roundID, org.ID, actor.UserID())
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), OrganisationID: &org.ID,
			Entity: "reporting_round", EntityID: roundID, Action: "update",
			Changes: map[string]domain.Change{"completed": {Old: false, New: true}}})
	})
	return translate(err, "reporting_round")
}

// RevokeRoundCompletion takes a town's completion back while the round is
// open; revoking what is not there changes nothing.
func (db *DB) RevokeRoundCompletion(ctx context.Context, actor domain.Actor, planID, roundID int64, org domain.Organisation) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := lockRound(ctx, tx, planID, roundID, "share"); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM round_completions WHERE round_id = $1 AND organisation_id = $2`,
			roundID, org.ID)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), OrganisationID: &org.ID,
			Entity: "reporting_round", EntityID: roundID, Action: "update",
			Changes: map[string]domain.Change{"completed": {Old: true, New: false}}})
	})
	return translate(err, "reporting_round")
}

// NudgeTown saves the KI's reminder to one town of the plan's county in an
// open round; a town of another county is refused.
func (db *DB) NudgeTown(ctx context.Context, actor domain.Actor, planID, roundID, orgID int64, body string) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		r, err := lockRound(ctx, tx, planID, roundID, "share")
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO round_nudges (round_id, organisation_id, body, created_by)
			SELECT $1, o.id, $3, $4 FROM organisations o JOIN plans p ON p.owner_id = o.parent_id
			WHERE p.id = $5 AND o.id = $2 AND o.kind = 'municipality'`, roundID, orgID, body, actor.UserID(), planID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return domain.Keyed(domain.CodeInvalid, "org", "round.err.unknownTown", "no town of the plan's county")
		}
		err = insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), OrganisationID: &orgID,
			Entity: "reporting_round", EntityID: roundID, Action: "update",
			Changes: map[string]domain.Change{"nudge": {New: body}}})
		if err != nil {
			return err
		}
		return notifyTowns(ctx, tx, domain.NoticeRoundNudge, planID, orgID, actor.UserID(),
			domain.NoticeParams{RoundID: roundID, RoundTitle: r.Title, Body: body})
	})
	return translate(err, "reporting_round")
}

// CloseRound freezes the round's report and closes the round in one
// transaction: when the freeze is refused (a report covering nothing), the
// round stays open. Towns that did not complete are allowed only when the
// KI confirmed closing without them. It returns the number of rows frozen.
func (db *DB) CloseRound(ctx context.Context, actor domain.Actor, planID, roundID int64, confirmed bool, today time.Time) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		r, err := lockRound(ctx, tx, planID, roundID, "update")
		if err != nil {
			return err
		}
		var missing int
		err = tx.QueryRow(ctx, `SELECT count(*) FROM organisations o JOIN plans p ON p.owner_id = o.parent_id
			WHERE p.id = $1 AND o.kind = 'municipality' AND NOT EXISTS (
				SELECT 1 FROM round_completions c WHERE c.round_id = $2 AND c.organisation_id = o.id)`,
			planID, roundID).Scan(&missing)
		if err != nil {
			return err
		}
		if err := domain.CheckRoundClose(r, missing, confirmed); err != nil {
			return err
		}
		if n, err = freezeReport(ctx, tx, actor, planID, r.ReportID, 0, today); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE reporting_rounds SET state = 'closed', closed_at = now(), closed_by = $2
			WHERE id = $1`, roundID, actor.UserID())
		if err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), Entity: "reporting_round",
			EntityID: roundID, Action: "update", Changes: map[string]domain.Change{
				"state": {Old: domain.RoundOpen, New: domain.RoundClosed}, "missing": {New: missing}}})
	})
	return n, translate(err, "reporting_round")
}
