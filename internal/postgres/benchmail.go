package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// PrepareBenchMail gives every town of the benchmark county a role mailbox
// and three coordinators with addresses (once), and clears what earlier
// runs of the reminder scan and the digest left (reminders, marks, mails,
// their jobs), so that each run does the full work of a first day.
func (db *DB) PrepareBenchMail(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, sql := range []string{
			`UPDATE organisations o SET mailbox = o.slug || '@kommunen.example', mailbox_only = false
			 FROM organisations c WHERE o.parent_id = c.id AND c.slug = 'kreis-benchmark' AND o.mailbox = ''`,
			`INSERT INTO users (issuer, subject, name, email)
			 SELECT 'https://bench.example', o.slug || '-' || n, 'Koordination ' || o.name || ' ' || n,
			        o.slug || '-' || n || '@kommunen.example'
			 FROM organisations o JOIN organisations c ON o.parent_id = c.id AND c.slug = 'kreis-benchmark'
			 CROSS JOIN generate_series(1, 3) n
			 ON CONFLICT (issuer, subject) DO NOTHING`,
			`INSERT INTO memberships (user_id, organisation_id, role)
			 SELECT u.id, o.id, 'coordinator' FROM users u
			 JOIN organisations o ON u.subject LIKE o.slug || '-_' AND o.kind = 'municipality'
			 WHERE u.issuer = 'https://bench.example'
			 ON CONFLICT DO NOTHING`,
			`DELETE FROM mail_messages`,
			`DELETE FROM river_job WHERE kind = 'deliver_mail'`,
			`DELETE FROM reminder_marks`,
			`DELETE FROM notifications WHERE remind_key IS NOT NULL`,
		} {
			if _, err := tx.Exec(ctx, sql); err != nil {
				return err
			}
		}
		return nil
	})
	return translate(err, "benchDataset")
}
