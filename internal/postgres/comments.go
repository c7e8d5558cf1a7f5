package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// AddComment appends a comment to the internal discussion of one
// implementation key names. The audit event records that a
// comment was written, not its text: the thread itself is the record, and the
// history is read by some who may not read comments.
func (db *DB) AddComment(ctx context.Context, key domain.ImplementationKey, body string, actorID *int64) (domain.Comment, error) {
	var saved domain.Comment
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := findImplementation(ctx, tx, key, false); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `
			WITH c AS (
				INSERT INTO comments (implementation_id, author_id, body) VALUES ($1, $2, $3)
				RETURNING id, implementation_id, author_id, body, created_at)
			SELECT c.id, c.implementation_id, coalesce(u.name, '') AS author_name, c.body, c.created_at
			FROM c LEFT JOIN users u ON u.id = c.author_id`, key.ID, actorID, body)
		var err error
		if saved, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Comment]); err != nil {
			return err
		}
		err = insertImplementationAudit(ctx, tx, key.OrgID, key.ID, auditEntry{ActorID: actorID,
			Entity: "comment", EntityID: saved.ID, Action: "create", Changes: map[string]domain.Change{}})
		if err != nil {
			return err
		}
		return notifyImplementation(ctx, tx, domain.NoticeComment, key.ID, actorID,
			domain.NoticeParams{CommentID: saved.ID}, true)
	})
	return saved, translate(err, "implementation")
}
