package seed

import (
	"math/rand/v2"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// The fixed seed makes the demo reproducible: the same now gives the same data.
const demoSeed1, demoSeed2 = 20250327, 11

// historyMonths is how far back the generated progress updates reach.
const historyMonths = 18

// DemoImplementations generates one implementation per municipal measure and
// town and per county measure for the county office, with a plausible history
// up to now: every relevance, status and support state occurs, some due dates
// have passed, some updates are older than the plan's update interval.
func DemoImplementations(c Concept, orgs []Organisation, now time.Time) []Implementation {
	g := newGenerator(c, now)
	county, municipalities := splitOrganisations(orgs)
	var out []Implementation
	for _, t := range measureTargets(c) {
		if t.measure.Scope == domain.ScopeCounty {
			out = append(out, g.implementation(t.field, t.measure, county))
			continue
		}
		for _, org := range municipalities {
			out = append(out, g.implementation(t.field, t.measure, org))
		}
	}
	return out
}

type generator struct {
	r        *rand.Rand
	today    time.Time
	imported time.Time // when the plan was loaded; no history before it
}

func newGenerator(c Concept, now time.Time) *generator {
	today := dateOf(now)
	imported := today.AddDate(0, -historyMonths, 0)
	if adopted := dateOf(c.AdoptedOn).AddDate(0, 0, 7); imported.Before(adopted) {
		imported = adopted
	}
	if imported.After(today) {
		imported = today
	}
	return &generator{
		r:        rand.New(rand.NewPCG(demoSeed1, demoSeed2)),
		today:    today,
		imported: imported.Add(10 * time.Hour),
	}
}

type measureTarget struct {
	field   string
	measure Measure
}

func measureTargets(c Concept) []measureTarget {
	var out []measureTarget
	for _, f := range c.Fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				out = append(out, measureTarget{field: f.Code, measure: m})
			}
		}
	}
	return out
}

func splitOrganisations(orgs []Organisation) (county Organisation, municipalities []Organisation) {
	for _, o := range orgs {
		if o.Kind == domain.OrgCounty {
			county = o
		} else {
			municipalities = append(municipalities, o)
		}
	}
	return county, municipalities
}

func (g *generator) implementation(field string, m Measure, org Organisation) Implementation {
	im := Implementation{
		MeasureCode: m.Code,
		OrgSlug:     org.Slug,
		Support:     domain.SupportNone,
		CreatedAt:   g.imported,
	}
	im.Relevance = g.relevance(org.Kind)
	switch im.Relevance {
	case domain.RelevanceNotRelevant:
		im.RelevanceNote = g.notRelevantReason(org.Kind)
	case domain.RelevanceAlreadyInPlace:
		im.RelevanceNote = g.fill(pick(g, inPlaceNotes), g.today)
		g.responsible(&im, field, org)
	case domain.RelevanceRelevant:
		g.relevant(&im, field, org)
	}
	g.comments(&im)
	im.UpdatedAt = latestChange(im)
	return im
}

// relevance draws the relevance decision: a county office rarely finds its
// own measures irrelevant, a town more often.
func (g *generator) relevance(kind domain.OrgKind) domain.Relevance {
	weights := []int{10, 65, 15, 10} // open, relevant, not relevant, already in place
	if kind == domain.OrgCounty {
		weights = []int{4, 80, 4, 12}
	}
	return []domain.Relevance{
		domain.RelevanceOpen, domain.RelevanceRelevant,
		domain.RelevanceNotRelevant, domain.RelevanceAlreadyInPlace,
	}[g.weighted(weights)]
}

func (g *generator) notRelevantReason(kind domain.OrgKind) string {
	if kind == domain.OrgCounty {
		return pick(g, countyNotRelevantReasons)
	}
	return pick(g, notRelevantReasons)
}

func (g *generator) relevant(im *Implementation, field string, org Organisation) {
	im.Status = g.status()
	im.Progress = g.progress(im.Status)
	im.Continuous = g.continuous(im.Status)
	if im.Status == domain.StatusCancelled {
		im.StatusNote = pick(g, cancelReasons)
	}
	g.responsible(im, field, org)
	g.schedule(im)
	g.postpone(im)
	g.milestones(im)
	if org.Kind == domain.OrgMunicipality {
		g.support(im, field)
	}
	g.history(im)
	settleMilestones(im)
}

func (g *generator) status() domain.Status {
	return []domain.Status{
		domain.StatusPlanned, domain.StatusInProgress, domain.StatusOnHold,
		domain.StatusCompleted, domain.StatusCancelled,
	}[g.weighted([]int{18, 40, 8, 26, 8})]
}

// progress is consistent with the status: planned 0–10, in progress 10–90,
// completed 100; in steps of five as people report it.
func (g *generator) progress(s domain.Status) int {
	switch s {
	case domain.StatusPlanned:
		return 5 * g.r.IntN(3)
	case domain.StatusInProgress:
		return 10 + 5*g.r.IntN(17)
	case domain.StatusOnHold:
		return 10 + 5*g.r.IntN(11)
	case domain.StatusCompleted:
		return 100
	}
	return 5 * g.r.IntN(9) // cancelled: whatever was done before
}

// continuous marks a Daueraufgabe, which has no end and so no due date.
func (g *generator) continuous(s domain.Status) bool {
	switch s {
	case domain.StatusInProgress:
		return g.chance(25)
	case domain.StatusPlanned, domain.StatusOnHold:
		return g.chance(10)
	}
	return false
}

func (g *generator) responsible(im *Implementation, field string, org Organisation) {
	if org.Kind == domain.OrgCounty {
		im.ResponsibleOrg = org.FullName
		im.Contact = pick(g, countyMailboxes) + "@" + org.MailDomain
		return
	}
	d := pick(g, departments[field])
	im.ResponsibleOrg = org.FullName + " – " + d.name
	im.Contact = d.mailbox + "@" + org.MailDomain
}

func (g *generator) support(im *Implementation, field string) {
	im.Support = []domain.Support{
		domain.SupportNone, domain.SupportRequested, domain.SupportAccepted,
		domain.SupportDeclined, domain.SupportDone,
	}[g.weighted([]int{70, 9, 8, 5, 8})]
	if im.Support == domain.SupportNone {
		return
	}
	im.SupportRequest = pick(g, supportRequests[field])
	at := g.dayBetween(g.imported, g.today).Add(g.officeHours())
	im.SupportRequestedAt = &at
	switch im.Support {
	case domain.SupportAccepted:
		im.SupportResponse = pick(g, supportAccepted)
	case domain.SupportDeclined:
		im.SupportResponse = pick(g, supportDeclined)
	case domain.SupportDone:
		im.SupportResponse = g.fill(pick(g, supportDone), g.dayBetween(at, g.today))
	}
}

func (g *generator) comments(im *Implementation) {
	if im.Relevance == domain.RelevanceOpen || !g.chance(12) {
		return
	}
	n := 1 + g.r.IntN(3)
	for _, day := range g.sortedDays(g.imported, g.today, n) {
		im.Comments = append(im.Comments, Comment{
			Body:      pick(g, commentBodies),
			CreatedAt: day.Add(g.officeHours()),
		})
	}
}

// latestChange is when the implementation was last touched by anything the
// demo records.
func latestChange(im Implementation) time.Time {
	latest := im.CreatedAt
	later := func(t time.Time) {
		if t.After(latest) {
			latest = t
		}
	}
	if n := len(im.Updates); n > 0 {
		later(im.Updates[n-1].CreatedAt)
	}
	if im.SupportRequestedAt != nil {
		later(*im.SupportRequestedAt)
	}
	for _, c := range im.Comments {
		later(c.CreatedAt)
	}
	return latest
}
