package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// PendingNotices lists event notifications not yet mailed (oldest first,
// at most limit) with the recipient's address, language and opt-out of the
// kind, and the town's role mailbox. Reminders are left to
// PendingReminders: they are mailed together once the scan is done.
func (db *DB) PendingNotices(ctx context.Context, limit int) ([]domain.PendingNotice, error) {
	rows, _ := db.pool.Query(ctx, pendingNoticeSQL+`
		WHERE n.mail_pending AND n.remind_key IS NULL
		ORDER BY n.id
		LIMIT $1`, limit)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.PendingNotice])
	return list, translate(err, "notification")
}

// PendingReminders lists every reminder not yet mailed, by kind, step and
// town, so that a person's (and a mailbox's) reminders of one step can be
// mailed as one. The scan writes a few thousand a day at Land scale.
func (db *DB) PendingReminders(ctx context.Context) ([]domain.PendingNotice, error) {
	rows, _ := db.pool.Query(ctx, pendingNoticeSQL+`
		WHERE n.mail_pending AND n.remind_key IS NOT NULL
		ORDER BY n.kind, n.remind_slot, o.name, n.id`)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.PendingNotice])
	return list, translate(err, "notification")
}

const pendingNoticeSQL = `
		SELECT n.id, n.kind, p.slug AS plan_slug, o.slug AS org_slug, o.name AS org_name, n.implementation_id,
		       coalesce(a.name, '') AS actor_name, n.params, n.created_at, n.read_at,
		       n.recipient_id, u.email, u.mail_language,
		       EXISTS (SELECT 1 FROM mail_optouts x WHERE x.user_id = u.id AND x.kind = n.kind) AS opted_out,
		       CASE WHEN o.kind = 'municipality' THEN o.mailbox ELSE '' END AS mailbox, o.mailbox_only,
		       o.mailbox_language, coalesce(n.remind_slot, '') AS remind_slot,
		       concat_ws(':', n.kind, n.plan_id, n.organisation_id, n.implementation_id,
		                 (extract(epoch FROM n.created_at) * 1000000)::bigint, n.remind_key) AS event_key
		FROM notifications n
		JOIN users u ON u.id = n.recipient_id
		JOIN plans p ON p.id = n.plan_id
		JOIN organisations o ON o.id = n.organisation_id
		LEFT JOIN users a ON a.id = n.actor_id`

// QueueMails stores rendered mails and a delivery job for each, and marks
// the notifications they came from as mailed, in one transaction. A mail
// whose event already reached its address (dedupe_key, address) is left
// out, so queuing twice sends once. It returns how many mails were new.
// The mails go in as one statement (arrays, unnested), not one per mail:
// a batch of hundreds would otherwise hold its transaction open for as
// many round trips.
func (db *DB) QueueMails(ctx context.Context, noticeIDs []int64, mails []domain.MailMessage) (int, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if len(mails) > 0 {
			rows, _ := tx.Query(ctx, `
				INSERT INTO mail_messages (dedupe_key, address, recipient_id, notification_id, kind, language,
				                           subject, text_body, html_body, unsubscribe_url)
				SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
				                     $7::text[], $8::text[], $9::text[], $10::text[])
				ON CONFLICT (dedupe_key, address) DO NOTHING
				RETURNING id`, mailColumnsOf(mails)...)
			var err error
			if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE notifications SET mail_pending = false WHERE id = ANY($1)`, noticeIDs); err != nil {
			return err
		}
		return db.insertMailJobs(ctx, tx, ids)
	})
	return len(ids), translate(err, "mail")
}

// mailColumnsOf turns mails into one array per column, in the order of
// QueueMails' unnest. Two mails of one batch with the same dedupe key and
// address would make the statement fail (ON CONFLICT cannot affect a row
// twice), so a repeat within the batch is left out here.
func mailColumnsOf(mails []domain.MailMessage) []any {
	n := len(mails)
	keys, addrs, kinds, langs := make([]string, 0, n), make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
	subjects, texts, htmls, unsub := make([]string, 0, n), make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
	recipients, notices := make([]*int64, 0, n), make([]*int64, 0, n)
	seen := make(map[[2]string]bool, n)
	for _, m := range mails {
		k := [2]string{m.DedupeKey, m.Address}
		if seen[k] {
			continue
		}
		seen[k] = true
		keys, addrs, recipients, notices = append(keys, m.DedupeKey), append(addrs, m.Address), append(recipients, m.RecipientID), append(notices, m.NotificationID)
		kinds, langs, subjects = append(kinds, string(m.Kind)), append(langs, m.Language), append(subjects, m.Subject)
		texts, htmls, unsub = append(texts, m.TextBody), append(htmls, m.HTMLBody), append(unsub, m.UnsubscribeURL)
	}
	return []any{keys, addrs, recipients, notices, kinds, langs, subjects, texts, htmls, unsub}
}

// FindMail reads one stored mail.
func (db *DB) FindMail(ctx context.Context, id int64) (domain.MailMessage, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+mailColumns+` FROM mail_messages WHERE id = $1`, id)
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.MailMessage])
	return m, translate(err, "mail")
}

const mailColumns = `id, dedupe_key, address, recipient_id, notification_id, kind, language, subject,
	text_body, html_body, unsubscribe_url, status, transport, attempts, error, created_at, sent_at`

// MarkMailAttempt records the outcome of one try to send a mail: sent (by
// transport), failed for good (reason), or still queued with the reason of
// this try's failure. A mail already sent stays sent.
func (db *DB) MarkMailAttempt(ctx context.Context, id int64, status domain.MailStatus, transport, reason string) error {
	_, err := db.pool.Exec(ctx, `
		UPDATE mail_messages SET status = $2, transport = $3, error = $4, attempts = attempts + 1,
		       sent_at = CASE WHEN $2 = 'sent' THEN now() END
		WHERE id = $1 AND status <> 'sent'`, id, status, transport, reason)
	return translate(err, "mail")
}

// FindMailLog is the admin's send log: newest first, filtered.
func (db *DB) FindMailLog(ctx context.Context, f domain.MailLogFilter) ([]domain.MailMessage, error) {
	q := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(f.Query) + "%"
	rows, _ := db.pool.Query(ctx, `SELECT `+mailColumns+` FROM mail_messages
		WHERE (address ILIKE $1 OR subject ILIKE $1) AND ($2 = '' OR status = $2)
		ORDER BY created_at DESC, id DESC LIMIT $3`, q, f.Status, f.Limit)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.MailMessage])
	return list, translate(err, "mail")
}
