package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestImplementationPageShowsItsOffers: the public offers that implement a
// measure appear on its implementations, escaped, for everyone who may read
// the page; drafts, archived and ended offers and another town's offers do
// not; the page keeps its five statements.
func TestImplementationPageShowsItsOffers(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	ctx := context.Background()
	county := int64(a.scalar(t, `SELECT parent_id FROM organisations WHERE slug = 'duelmen'`))
	olfen := int64(a.scalar(t, `SELECT id FROM organisations WHERE slug = 'olfen'`))
	olfenImpl := a.scalar(t, `SELECT i.id FROM implementations i WHERE i.organisation_id = $1 AND i.measure_id = $2`,
		olfen, tr.impl.MeasureID)
	add := func(owner int64, title string, towns []int64, status domain.OfferStatus, states ...domain.OfferState) {
		t.Helper()
		o, err := a.DB.CreateOffer(ctx, nil, county, owner, domain.OfferFields{Title: title, Provider: "Träger " + hostile,
			StepFree: "unknown", Status: status, TownIDs: towns, MeasureIDs: []int64{tr.impl.MeasureID}})
		if err != nil {
			t.Fatalf("offer %q: %v", title, err)
		}
		for _, s := range states {
			if o, err = a.DB.SetOfferState(ctx, nil, domain.OfferKey{CountyID: county, OwnerOrgID: owner, ID: o.ID}, o.Version, s); err != nil {
				t.Fatalf("offer %q to %s: %v", title, s, err)
			}
		}
	}
	pub := domain.OfferPublished
	add(tr.org.ID, "Sprachtreff "+hostile, []int64{tr.org.ID}, domain.OfferActive, pub)
	add(county, "Kreisweite Beratung", nil, domain.OfferTemporarilyClosed, pub)
	add(tr.org.ID, "Entwurf-Angebot", []int64{tr.org.ID}, domain.OfferActive)
	add(tr.org.ID, "Archiv-Angebot", []int64{tr.org.ID}, domain.OfferActive, pub, domain.OfferArchived)
	add(tr.org.ID, "Beendetes Angebot", []int64{tr.org.ID}, domain.OfferEnded, pub)
	add(olfen, "Olfener Angebot", []int64{olfen}, domain.OfferActive, pub)

	hidden := []string{"Entwurf-Angebot", "Archiv-Angebot", "Beendetes Angebot"}
	for _, user := range []string{"duelmen", "ki-1", "ausschuss-1", "admin"} {
		status, body, _ := fetch(t, a.signIn(t, user), "GET", a.URL+tr.path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", user, status)
		}
		mustContain(t, body, "Angebote zu dieser Maßnahme", "Sprachtreff &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;",
			"Träger &lt;script&gt;", "Kreisweite Beratung", "Vorübergehend geschlossen", `href="/angebote/`)
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: hostile offer text unescaped", user)
		}
		for _, h := range append(hidden, "Olfener Angebot") {
			if strings.Contains(body, h) {
				t.Errorf("%s sees %q on Dülmen's implementation", user, h)
			}
		}
	}
	_, body, _ := fetch(t, a.signIn(t, "olfen"), "GET", a.URL+fmt.Sprintf(demoPlan+"/kommunen/olfen/umsetzungen/%d", olfenImpl))
	mustContain(t, body, "Olfener Angebot", "Kreisweite Beratung")
	if strings.Contains(body, "Sprachtreff") {
		t.Error("Olfen's implementation shows Dülmen's offer")
	}
	if status, n := countQueries(t, a, a.signIn(t, "duelmen"), tr.path); status != http.StatusOK || n > 5 {
		t.Errorf("with offers the implementation page ran %d statements (status %d), budget 5", n, status)
	}
}
