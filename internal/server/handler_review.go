package server

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// maxReviewItems bounds one bulk review; a plan has a few hundred measures.
const maxReviewItems = 1000

// reviewDecisions are the decisions the bulk review offers ("open" is where
// a review starts, never a decision).
var reviewDecisions = []domain.Relevance{domain.RelevanceRelevant, domain.RelevanceNotRelevant, domain.RelevanceAlreadyInPlace}

// reviewState is the bulk review form as the user sent it, kept for showing
// it again when it is refused.
type reviewState struct {
	Checked   map[int64]bool
	Relevance string
	Note      string
	// Errors by field: "umsetzung" (the selection), "relevance", "relevance_note".
	Errors  map[string]string
	Message string
	// Stale marks the selected rows someone else changed in the meantime.
	Stale map[int64]bool
}

// ReviewChoices are the decisions with whether each is the one chosen.
func (r reviewState) ReviewChoices() []selectOption {
	var out []selectOption
	for _, d := range reviewDecisions {
		out = append(out, selectOption{Value: string(d), Label: "state." + string(d), Selected: string(d) == r.Relevance})
	}
	return out
}

// reviewRelevance applies one relevance decision to every checked
// implementation of the municipality, all or nothing, then goes back to the
// view it came from with a confirmation.
func (s *Server) reviewRelevance(c *gin.Context) {
	tr := s.translatorFor(c.Request)
	sc := scopeOf(c)
	back := returnQuery(c.PostForm("zurueck"))
	form, versions := readReviewForm(c, tr)
	if len(form.Errors) > 0 {
		s.rerenderReview(c, http.StatusUnprocessableEntity, back, form, versions)
		return
	}
	d := domain.RelevanceDecision{Relevance: domain.Relevance(form.Relevance), Note: form.Note}
	saved, err := s.impls.ReviewRelevance(c.Request.Context(), actorOf(c),
		domain.WorkspaceKey{PlanID: sc.Plan.ID, OrgID: sc.Org.ID}, versions, d)
	if err == nil {
		changed := 0
		for _, impl := range saved {
			if impl.Version != versions[impl.ID] {
				changed++
			}
		}
		back.Set(paramDecision, string(d.Relevance))
		back.Set(paramSaved, strconv.Itoa(changed))
		back.Set(paramUnchanged, strconv.Itoa(len(saved)-changed))
		c.Redirect(http.StatusSeeOther, townPath(sc.Plan.Slug, sc.Org.Slug)+"?"+back.Encode())
		return
	}
	if domain.ErrorCode(err) == domain.CodeNotFound {
		// An id of another town or plan: the selection cannot have come from this page.
		form.Errors["umsetzung"] = tr.T("workspace.review.foreign")
		s.rerenderReview(c, http.StatusUnprocessableEntity, back, form, versions)
		return
	}
	r, ok := s.refusalOf(c, err, "workspace.review.refused", "workspace.review.refused")
	if !ok {
		s.fail(c, err)
		return
	}
	maps.Copy(form.Errors, r.Fields)
	if !r.Stale { // rerenderReview names the measures someone else changed
		form.Message = tr.ErrorText(err) + " " + tr.T("workspace.review.nothingSaved")
	}
	s.rerenderReview(c, r.Status, back, form, versions)
}

// rerenderReview shows the view the review came from again, with the user's
// choices and what was wrong; rows changed meanwhile are marked and show
// their current state and version.
func (s *Server) rerenderReview(c *gin.Context, status int, back url.Values,
	form reviewState, versions map[int64]int) {
	ws, filter, _, ok := s.loadWorkspace(c, back)
	if !ok {
		return
	}
	data := s.buildWorkspace(c, ws, filter)
	form.Stale = map[int64]bool{}
	var changed []string
	for _, it := range ws.Entries {
		if v, ok := versions[it.ID]; ok && v != it.Version {
			form.Stale[it.ID] = true
			changed = append(changed, it.MeasureCode)
		}
	}
	tr := s.translatorFor(c.Request)
	switch {
	case status == http.StatusConflict:
		form.Message = tr.T("workspace.review.conflict", "Codes", strings.Join(changed, ", "))
	case form.Message == "":
		form.Message = tr.T("workspace.review.refused")
	}
	data.Review = form.echo()
	s.renderWorkspace(c, status, data)
}

// readReviewForm reads the checked implementations with the versions the
// page showed, and the decision; what cannot be right is reported per field
// before anything is read from the database.
func readReviewForm(c *gin.Context, tr translator) (reviewState, map[int64]int) {
	form := reviewState{Checked: map[int64]bool{}, Relevance: c.PostForm("relevance"),
		Note: c.PostForm("relevance_note"), Errors: map[string]string{}}
	versions := map[int64]int{}
	ids := c.PostFormArray("umsetzung")
	switch {
	case len(ids) == 0:
		form.Errors["umsetzung"] = tr.T("workspace.review.noneChecked")
	case len(ids) > maxReviewItems:
		form.Errors["umsetzung"] = tr.T("workspace.review.badSelection")
		ids = nil
	}
	for _, raw := range ids {
		id, ok := parseID(raw)
		if !ok {
			form.Errors["umsetzung"] = tr.T("workspace.review.badSelection")
			continue
		}
		form.Checked[id] = true
		v, err := strconv.Atoi(c.PostForm("version_" + strconv.FormatInt(id, 10)))
		if err != nil || v < 1 {
			form.Errors["umsetzung"] = tr.T("workspace.review.badSelection")
			continue
		}
		versions[id] = v
	}
	if !slices.Contains(reviewDecisions, domain.Relevance(form.Relevance)) {
		form.Errors["relevance"] = tr.T("workspace.review.noDecision")
	}
	return form, versions
}

// returnQuery keeps the known view parameters of the address the review came
// from. They are re-encoded, and the path is always the workspace's own, so
// the return address cannot lead anywhere else; the workspace validates the
// values when it shows them.
func returnQuery(raw string) url.Values {
	in, _ := url.ParseQuery(raw)
	out := url.Values{}
	for _, k := range viewParams {
		if v := in.Get(k); v != "" && len(v) <= 100 {
			out.Set(k, v)
		}
	}
	return out
}
