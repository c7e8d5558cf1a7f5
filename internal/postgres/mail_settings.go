package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindMailSettings reads a person's address (from the sign-in claims),
// mail language and opt-outs.
func (db *DB) FindMailSettings(ctx context.Context, userID int64) (domain.MailSettings, error) {
	s := domain.MailSettings{OptOuts: map[domain.MailKind]bool{}}
	var kinds []string
	err := db.pool.QueryRow(ctx, `SELECT email, mail_language,
		       coalesce((SELECT array_agg(kind) FROM mail_optouts WHERE user_id = u.id), '{}')
		FROM users u WHERE id = $1`, userID).Scan(&s.Email, &s.Language, &kinds)
	for _, k := range kinds {
		s.OptOuts[domain.MailKind(k)] = true
	}
	return s, translate(err, "user")
}

// SaveMailSettings replaces a person's mail language and opt-outs.
func (db *DB) SaveMailSettings(ctx context.Context, userID int64, language string, optOuts []domain.MailKind) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET mail_language = $2 WHERE id = $1`, userID, language)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		if _, err := tx.Exec(ctx, `DELETE FROM mail_optouts WHERE user_id = $1`, userID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO mail_optouts (user_id, kind) SELECT $1, unnest($2::text[])`, userID, optOuts)
		return err
	})
	return translate(err, "user")
}

// FindTownMailbox reads a town's role mailbox.
func (db *DB) FindTownMailbox(ctx context.Context, orgID int64) (domain.TownMailbox, error) {
	var m domain.TownMailbox
	err := db.pool.QueryRow(ctx, `SELECT mailbox, mailbox_only, mailbox_language FROM organisations
		WHERE id = $1 AND kind = 'municipality'`, orgID).Scan(&m.Address, &m.Only, &m.Language)
	return m, translate(err, "organisation")
}

// SetTownMailbox saves a town's role mailbox ("" removes it) and its language.
func (db *DB) SetTownMailbox(ctx context.Context, orgID int64, m domain.TownMailbox) error {
	tag, err := db.pool.Exec(ctx, `UPDATE organisations SET mailbox = $2, mailbox_only = $3, mailbox_language = $4
		WHERE id = $1 AND kind = 'municipality'`, orgID, m.Address, m.Only && m.Address != "", m.Language)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return translate(err, "organisation")
}
