package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestOfferRemindersNameUnconfirmedOffersToTheirMaintainers: the scan names
// a town's public offers unconfirmed for longer than the period to the
// town's coordinators and county-wide ones to the KI; drafts, ended and
// recently confirmed offers are not named; an offer is named once, not on
// every day's scan.
func TestOfferRemindersNameUnconfirmedOffersToTheirMaintainers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := f.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	var coord, ki int64
	for _, u := range []struct {
		id   *int64
		sub  string
		org  int64
		role string
	}{{&coord, "coord", f.duelmen, "coordinator"}, {&ki, "ki", f.county, "ki"}} {
		if err := f.pool.QueryRow(ctx, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', $1, $1) RETURNING id`, u.sub).Scan(u.id); err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)`, *u.id, u.org, u.role)
	}
	pub := domain.OfferPublished
	old := []domain.Offer{
		f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Altes Sprachcafé", Provider: "P", TownIDs: []int64{f.duelmen}}, pub),
		f.addOffer(t, f.county, domain.OfferFields{Title: "Alte Kreisberatung", Provider: "P"}, pub),
		f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Alter Entwurf", Provider: "P"}, domain.OfferDraft),
		f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Altes Ende", Provider: "P", Status: domain.OfferEnded}, pub),
	}
	f.addOffer(t, f.duelmen, domain.OfferFields{Title: "Frisch bestätigt", Provider: "P"}, pub)
	for _, o := range old {
		exec(`UPDATE offers SET confirmed_at = now() - interval '400 days' WHERE id = $1`, o.ID)
	}
	today := time.Now()
	n, err := f.db.ScanOfferReminders(ctx, today, 365)
	if err != nil || n != 2 {
		t.Fatalf("scan: %d notifications, %v; want 2 (one to the coordinator, one to the KI)", n, err)
	}
	var got []struct {
		Recipient, Org int64
		Params         domain.NoticeParams
	}
	rows, err := f.pool.Query(ctx, `SELECT recipient_id, organisation_id, params FROM notifications
		WHERE kind = 'offer_unconfirmed' ORDER BY recipient_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r struct {
			Recipient, Org int64
			Params         domain.NoticeParams
		}
		if err := rows.Scan(&r.Recipient, &r.Org, &r.Params); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	want := map[int64]string{coord: "Altes Sprachcafé", ki: "Alte Kreisberatung"}
	for _, r := range got {
		if len(r.Params.Items) != 1 || r.Params.Total != 1 || r.Params.Items[0].MeasureTitle != want[r.Recipient] ||
			r.Params.Items[0].What != "unconfirmed" {
			t.Errorf("recipient %d: %+v, want only %q", r.Recipient, r.Params, want[r.Recipient])
		}
	}
	for _, day := range []time.Time{today, today.AddDate(0, 0, 1)} {
		if n, err := f.db.ScanOfferReminders(ctx, day, 365); err != nil || n != 0 {
			t.Errorf("scan on %s again: %d notifications, %v; an offer is named once", day.Format(time.DateOnly), n, err)
		}
	}
}
