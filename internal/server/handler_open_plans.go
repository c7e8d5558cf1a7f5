package server

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/domain"
	publicsvc "github.com/planwerk/planwerk/internal/service/publicplan"
)

// openPlan resolves the published plan a dataset address names; any other
// plan (unknown, unpublished, a draft) is not found, as its public page.
func (s *Server) openPlan(c *gin.Context) (domain.PublishedPlan, bool) {
	p, err := s.services.PublicPlans.Find(c.Request.Context(), c.Param("plan"))
	if err != nil {
		s.fail(c, err)
		return p, false
	}
	return p, true
}

// openPlanCSV is a plan's public status as Excel opens a CSV: one row per
// measure in catalogue order with its counts per state and, when the plan
// publishes them, one column per town with the town's state.
func (s *Server) openPlanCSV(c *gin.Context) {
	p, ok := s.openPlan(c)
	if !ok {
		return
	}
	d, err := s.services.PublicPlans.Dataset(c.Request.Context(), p.Plan, publicsvc.Page{})
	if err != nil {
		s.fail(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	w := newExcelCSV()
	head := []string{t.T("openData.col.field"), t.T("openData.col.goal"), t.T("openData.col.code"),
		t.T("openData.col.measure"), t.T("openData.col.retired")}
	for _, e := range (domain.Tally{}).Entries() {
		head = append(head, t.T("state."+e.State))
	}
	for _, town := range d.Towns {
		head = append(head, town.Name)
	}
	w.row(append(head, s.services.Offers.Licence()))
	for _, m := range d.Measures {
		row := []string{m.Field.Code + " " + m.Field.Title, m.Goal.Code + " " + m.Goal.Title, m.Measure.Code,
			m.Measure.Title, yesNo(t, m.Measure.RetiredAt != nil)}
		for _, e := range m.Tally.Entries() {
			row = append(row, strconv.Itoa(e.Count))
		}
		w.row(append(append(row, townCells(t, d.Towns, m.Towns)...), ""))
	}
	s.sendCSV(c, p.Plan.Slug+"-stand.csv", w)
}

// townCells are a measure's states in the order of towns: empty where the
// town has no implementation of it (a county-wide measure).
func townCells(t translator, towns []domain.Organisation, states []domain.TownState) []string {
	byTown := make(map[int64]domain.TownState, len(states))
	for _, st := range states {
		byTown[st.Town.ID] = st
	}
	cells := make([]string, len(towns))
	for i, town := range towns {
		if st, ok := byTown[town.ID]; ok {
			cells[i] = t.T("state." + st.State())
		}
	}
	return cells
}

func yesNo(t translator, b bool) string {
	if b {
		return t.T("openData.yes")
	}
	return ""
}

// openPlanDCAT describes a plan's status dataset in DCAT-AP.de (JSON-LD).
func (s *Server) openPlanDCAT(c *gin.Context) {
	p, ok := s.openPlan(c)
	if !ok {
		return
	}
	s.sendJSONLD(c, s.planDataset(s.translatorFor(c.Request), p))
}

func (s *Server) planDataset(t translator, p domain.PublishedPlan) map[string]any {
	path := api.PlanDataPath(p.Plan.Slug)
	desc := "openData.plan.description"
	if p.PerTown {
		desc = "openData.plan.descriptionPerTown"
	}
	doc := s.dcatDataset(dcatSpec{ID: path + "/stand.jsonld",
		Title:       t.T("openData.plan.title", "Title", p.Plan.Title, "Version", p.Plan.Version),
		Description: t.T(desc, "County", p.Plan.OwnerName),
		Modified:    p.ModifiedAt, Landing: "/plaene/" + p.Plan.Slug + "/oeffentlich",
		API: api.Base + "/public/plans/" + p.Plan.Slug + "/status", CSV: path + "/stand.csv"})
	if next := p.SupersededBy; next != nil {
		doc["dct:isReplacedBy"] = ref(s.opts.PublicURL + api.PlanDataPath(next.Slug) + "/stand.jsonld")
	}
	return doc
}
