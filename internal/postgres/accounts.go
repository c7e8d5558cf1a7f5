package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

type accountRow struct {
	domain.User
	MembershipID *int64       `db:"membership_id"`
	OrgID        *int64       `db:"organisation_id"`
	OrgSlug      *string      `db:"org_slug"`
	OrgName      *string      `db:"org_name"`
	CountySlug   *string      `db:"county_slug"`
	Role         *domain.Role `db:"role"`
}

// signedInRow is a row of FindAccount: a membership of the user with what
// the header of every page shows besides (the inbox's unread count) and the
// start page the user chose.
type signedInRow struct {
	accountRow
	Unread    int    `db:"unread"`
	StartPage string `db:"start_page"`
}

// FindAccount returns a user with their memberships in one query: every
// signed-in request needs both, and a page has a budget of a few queries.
// The unread count of the inbox ("Neu für Sie") rides along, so the header
// costs no statement of its own; it stops counting past
// domain.MaxUnreadShown, so it reads a bounded number of index entries.
func (db *DB) FindAccount(ctx context.Context, userID int64) (domain.Account, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT u.id, u.issuer, u.subject, u.name, u.email, u.created_at, u.last_login_at,
		       m.id AS membership_id, o.id AS organisation_id, o.slug AS org_slug, o.name AS org_name,
		       coalesce(county.slug, o.slug) AS county_slug, m.role,
		       n.unread, u.start_page
		FROM users u
		CROSS JOIN LATERAL (SELECT count(*)::int AS unread FROM (SELECT 1 FROM notifications
			WHERE recipient_id = u.id AND read_at IS NULL LIMIT $2) unread) n
		LEFT JOIN memberships m ON m.user_id = u.id
		LEFT JOIN organisations o ON o.id = m.organisation_id
		LEFT JOIN organisations county ON county.id = o.parent_id
		WHERE u.id = $1
		ORDER BY o.name, m.role`, userID, domain.MaxUnreadShown+1)
	if err != nil {
		return domain.Account{}, translate(err, "user")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[signedInRow])
	if err != nil {
		return domain.Account{}, translate(err, "user")
	}
	if len(flat) == 0 {
		return domain.Account{}, translate(pgx.ErrNoRows, "user")
	}
	acc := domain.Account{User: flat[0].User, Unread: flat[0].Unread, StartPage: flat[0].StartPage}
	for _, r := range flat {
		if r.MembershipID != nil {
			acc.Memberships = append(acc.Memberships, r.membership())
		}
	}
	return acc, nil
}

func (r accountRow) membership() domain.Membership {
	return domain.Membership{ID: *r.MembershipID, UserID: r.ID, OrganisationID: *r.OrgID,
		OrgSlug: *r.OrgSlug, OrgName: *r.OrgName, CountySlug: *r.CountySlug, Role: *r.Role}
}
