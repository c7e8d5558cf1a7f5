package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// SaveImportUpload keeps an uploaded file for its confirmation; the same
// user's earlier upload for the same plan, organisation and kind is
// replaced, and every upload older than a day removed.
func (db *DB) SaveImportUpload(ctx context.Context, u domain.ImportUpload) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM import_uploads
			WHERE created_at < now() - interval '1 day'
			   OR (user_id = $1 AND plan_id = $2 AND organisation_id = $3 AND kind = $4)`,
			u.UserID, u.PlanID, u.OrganisationID, u.Kind); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO import_uploads
			(token, user_id, plan_id, organisation_id, kind, encoding, filename, content, sha256)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			u.Token, u.UserID, u.PlanID, u.OrganisationID, u.Kind, u.Encoding, u.Filename, u.Content, u.SHA256)
		return err
	})
	return translate(err, "plan")
}

// FindImportUpload returns the upload token names, only to the user who
// uploaded it for that plan, organisation and kind, and only within a day.
func (db *DB) FindImportUpload(ctx context.Context, token string, userID, planID, orgID int64, kind string) (domain.ImportUpload, error) {
	rows, _ := db.pool.Query(ctx, `SELECT token, user_id, plan_id, organisation_id, kind, encoding, filename, content, sha256
		FROM import_uploads WHERE token = $1 AND user_id = $2 AND plan_id = $3 AND organisation_id = $4 AND kind = $5
		AND created_at >= now() - interval '1 day'`, token, userID, planID, orgID, kind)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.ImportUpload])
	return u, translate(err, "plan")
}

// CatalogueRevision is the newest catalogue change of plan planID (0
// before the first): an import checked on one revision is applied on it only.
func (db *DB) CatalogueRevision(ctx context.Context, planID int64) (int64, error) {
	var rev int64
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM audit_events WHERE plan_id = $1`, planID).Scan(&rev)
	return rev, translate(err, "plan")
}

// FindLocalMeasureCodes lists the codes of the towns' own measures in plan planID.
func (db *DB) FindLocalMeasureCodes(ctx context.Context, planID int64) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT code FROM measures WHERE plan_id = $1 AND scope = 'local'`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return codes, translate(err, "plan")
}

// FindStateTargets lists organisation orgID's implementations of plan
// planID with their measures' codes.
func (db *DB) FindStateTargets(ctx context.Context, planID, orgID int64) ([]domain.StateTarget, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+implementationColumns+`, m.code AS measure_code,
		m.retired_at IS NOT NULL AS measure_retired
		FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE i.organisation_id = $1 AND m.plan_id = $2`, orgID, planID)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	targets, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.StateTarget])
	return targets, translate(err, "municipality")
}

// importApplied is the refusal of an import whose data changed since its
// dry run: nothing was written; checking the file again shows what it does now.
func importChanged() error {
	return domain.Keyed(domain.CodeConflict, "", "import.err.changed", "data changed since the dry run")
}

// deleteUpload removes the applied upload in the import's transaction.
func deleteUpload(ctx context.Context, tx pgx.Tx, token string) error {
	_, err := tx.Exec(ctx, `DELETE FROM import_uploads WHERE token = $1`, token)
	return err
}

// ApplyStateImport writes a states import in one transaction: each
// implementation must still have the version the dry run saw, and goes
// through the same workflow rules, write and audit event as a form's save.
func (db *DB) ApplyStateImport(ctx context.Context, planID, orgID int64, actorID *int64, token string,
	ops []domain.StateOp, now time.Time) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, op := range ops {
			cur, err := findImplementation(ctx, tx, domain.ImplementationKey{PlanID: planID, OrgID: orgID, ID: op.ImplID}, true)
			if err != nil {
				return err
			}
			if cur.Version != op.Version {
				return importChanged()
			}
			next, err := op.Update.Apply(cur, now)
			if err != nil {
				return err
			}
			if _, err := writeImplementation(ctx, tx, cur, next, actorID); err != nil {
				return err
			}
		}
		return deleteUpload(ctx, tx, token)
	})
	return translate(err, "implementation")
}
