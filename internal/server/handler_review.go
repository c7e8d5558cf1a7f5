package server

import (
	"errors"
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
	ctx := c.Request.Context()
	tr := s.translatorFor(c.Request)
	org := scopeOf(c).Org
	back := returnQuery(c.PostForm("zurueck"))
	form, versions := readReviewForm(c, tr)
	status := http.StatusUnprocessableEntity
	if len(form.Errors) == 0 {
		acc, _ := account(c)
		rel := domain.Relevance(form.Relevance)
		saved, err := s.store.UpdateImplementations(ctx, org.ID, versions, &acc.ID, decideAll(rel, form.Note))
		if err == nil {
			changed := 0
			for _, impl := range saved {
				if impl.Version != versions[impl.ID] {
					changed++
				}
			}
			back.Set(paramDecision, string(rel))
			back.Set(paramSaved, strconv.Itoa(changed))
			back.Set(paramUnchanged, strconv.Itoa(len(saved)-changed))
			c.Redirect(http.StatusSeeOther, townPath(scopeOf(c).Plan.Slug, org.Slug)+"?"+back.Encode())
			return
		}
		if status = reviewRefusal(&form, err, tr); status == 0 {
			s.fail(c, err)
			return
		}
	}
	s.rerenderReview(c, status, org, back, form, versions)
}

// reviewRefusal explains a refused bulk review on the form and returns its status,
// or 0 for an error that is not the user's to fix.
func reviewRefusal(form *reviewState, err error, tr translator) int {
	switch {
	case errors.Is(err, domain.ErrStaleVersion):
		return http.StatusConflict // rerenderReview names the measures concerned
	case domain.ErrorCode(err) == domain.CodeNotFound:
		form.Errors["umsetzung"] = tr.T("workspace.review.foreign")
		return http.StatusUnprocessableEntity
	case domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict:
		for field, msg := range fieldErrors(tr, err) {
			form.Errors[field] = msg
		}
		form.Message = tr.ErrorText(err) + " " + tr.T("workspace.review.nothingSaved")
		return http.StatusUnprocessableEntity
	}
	return 0
}

// rerenderReview shows the view the review came from again, with the user's
// choices and what was wrong; rows changed meanwhile are marked and show
// their current state and version.
func (s *Server) rerenderReview(c *gin.Context, status int, org domain.Organisation, back url.Values,
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
	rel := domain.Relevance(form.Relevance)
	if !slices.Contains(reviewDecisions, rel) {
		form.Errors["relevance"] = tr.T("workspace.review.noDecision")
	} else if _, err := domain.NewWorkflow().DecideRelevance(rel, form.Note); err != nil {
		// The same rules as for each implementation, checked once up front:
		// a reason missing for one is missing for all.
		for field, msg := range fieldErrors(tr, err) {
			form.Errors[field] = msg
		}
	}
	return form, versions
}

// decideAll is the change the bulk review applies to each implementation.
// Deciding "relevant" again changes nothing (the workflow refuses it as a
// repeat), so such rows are left as they are rather than failing the batch.
func decideAll(rel domain.Relevance, note string) func(domain.Implementation) (domain.Implementation, error) {
	return func(cur domain.Implementation) (domain.Implementation, error) {
		if rel == domain.RelevanceRelevant && cur.Relevance == domain.RelevanceRelevant {
			return cur, nil
		}
		w, err := cur.Workflow().DecideRelevance(rel, note)
		if err != nil {
			return cur, err
		}
		return cur.WithWorkflow(w), nil
	}
}

// returnQuery keeps the known view parameters of the address the review came
// from. They are re-encoded, and the path is always the workspace's own, so
// the return address cannot lead anywhere else; the workspace validates the
// values when it shows them.
func returnQuery(raw string) url.Values {
	in, _ := url.ParseQuery(raw)
	out := url.Values{}
	for _, k := range []string{paramView, paramField, paramGoal, paramRelevance, paramStatus, paramSupport,
		paramOverdue, paramStale, paramSort} {
		if v := in.Get(k); v != "" && len(v) <= 100 {
			out.Set(k, v)
		}
	}
	return out
}
