package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// requestSupport records a municipality's request for KI support on one of
// its implementations, through the workflow rules, with optimistic locking
// and an audit event.
func (s *Server) requestSupport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	id := key.ID
	if !ok {
		return
	}
	org := sc.Org
	tr := s.translatorFor(c.Request)
	form := supportForm{Version: c.PostForm("version"), Request: c.PostForm("support_request")}
	version, err := strconv.Atoi(form.Version)
	if err != nil {
		s.renderError(c, http.StatusBadRequest, "support.err.incomplete")
		return
	}
	text, msg := checkText(tr, form.Request, domain.MaxSupportTextLen, "support.err.requestMissing")
	if msg != "" {
		s.refuseSupport(c, org, id, form, map[string]string{domain.FieldSupportRequest: msg})
		return
	}
	s.changeSupport(c, org, id, version, form, func(w domain.Workflow) (domain.Workflow, error) {
		return w.RequestSupport(text)
	})
}

// answerSupport records the KI's answer to a support request: accepted,
// declined (with a reason) or done.
func (s *Server) answerSupport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	id := key.ID
	if !ok {
		return
	}
	org := sc.Org
	tr := s.translatorFor(c.Request)
	form := supportForm{Version: c.PostForm("version"), Decision: c.PostForm("decision"), Reason: c.PostForm("support_response")}
	version, err := strconv.Atoi(form.Version)
	if err != nil {
		s.renderError(c, http.StatusBadRequest, "support.err.incomplete")
		return
	}
	decision := domain.Support(form.Decision)
	errs := map[string]string{}
	if decision != domain.SupportAccepted && decision != domain.SupportDeclined && decision != domain.SupportDone {
		errs["decision"] = tr.T("support.err.decision")
	}
	missing := ""
	if decision == domain.SupportDeclined {
		missing = "support.err.reasonMissing"
	}
	reason, msg := checkText(tr, form.Reason, domain.MaxSupportTextLen, missing)
	if msg != "" {
		errs[domain.FieldSupportResponse] = msg
	}
	if len(errs) > 0 {
		s.refuseSupport(c, org, id, form, errs)
		return
	}
	s.changeSupport(c, org, id, version, form, func(w domain.Workflow) (domain.Workflow, error) {
		return w.AnswerSupport(decision, reason)
	})
}

// changeSupport applies a workflow step to the implementation and answers:
// back to the implementation page on success, the form again otherwise.
func (s *Server) changeSupport(c *gin.Context, org domain.Organisation, id int64, version int, form supportForm,
	step func(domain.Workflow) (domain.Workflow, error)) {
	acc, _ := account(c)
	_, err := s.store.UpdateImplementation(c.Request.Context(), keyOf(c, id), version, &acc.ID,
		func(cur domain.Implementation) (domain.Implementation, error) {
			w, err := step(cur.Workflow())
			if err != nil {
				return cur, err
			}
			return cur.WithWorkflow(w), nil
		})
	tr := s.translatorFor(c.Request)
	switch {
	case err == nil:
		c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#unterstuetzung")
	case errors.Is(err, domain.ErrStaleVersion):
		s.renderSupportForm(c, http.StatusConflict, org, id, supportFormData{Form: form, Conflict: true,
			Message: tr.T("support.msg.conflict")})
	case domain.ErrorCode(err) == domain.CodeInvalid:
		s.refuseSupport(c, org, id, form, fieldErrors(tr, err))
	case domain.ErrorCode(err) == domain.CodeConflict:
		// A step the workflow does not allow from the current state, e.g. a
		// second request while one is open; the page shows the current state.
		s.renderSupportForm(c, http.StatusUnprocessableEntity, org, id, supportFormData{Form: form,
			Message: tr.T("support.msg.notPossible")})
	default:
		s.fail(c, err)
	}
}

// refuseSupport shows the form again with 422: nothing was saved.
func (s *Server) refuseSupport(c *gin.Context, org domain.Organisation, id int64, form supportForm, errs map[string]string) {
	s.renderSupportForm(c, http.StatusUnprocessableEntity, org, id, supportFormData{Form: form, Errors: errs,
		Message: s.translatorFor(c.Request).T("support.msg.invalid")})
}

// renderSupportForm shows the support form page for the implementation as it
// is stored now.
func (s *Server) renderSupportForm(c *gin.Context, status int, org domain.Organisation, id int64, d supportFormData) {
	d.Form = d.Form.echo()
	detail, err := s.impls.Detail(c.Request.Context(), keyOf(c, id))
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Org, d.Impl = org, detail
	tr := s.translatorFor(c.Request)
	s.render(c, status, "support_form", view{
		Title: tr.T("support.form.title", "Code", detail.MeasureCode, "Org", org.Name), Nav: townNav(c, org.Slug),
		Crumbs: []crumb{{Label: org.Name, Href: townPath(scopeOf(c).Plan.Slug, org.Slug)},
			{Label: tr.T("support.crumb.measure", "Code", detail.MeasureCode), Href: implementationPath(scopeOf(c), id)},
			{Label: tr.T("support.heading")}},
		Data: d,
	})
}

// checkText trims a text typed into a form and checks it against max
// characters. missing is the message id for an empty text, "" if it may be
// empty. The second result is the translated message, "" when the text is fine.
func checkText(tr translator, text string, max int, missing string) (string, string) {
	text = strings.TrimSpace(text)
	if n := utf8.RuneCountInString(text); n > max {
		return text, tr.T("support.err.tooLong", "Max", max, "Count", n)
	}
	if text == "" && missing != "" {
		return text, tr.T(missing)
	}
	return text, ""
}

type supportQueueData struct {
	Items  []supportQueueItem
	Towns  []domain.Organisation
	Filter domain.SupportQueueFilter
	// States are the open support states the list can be filtered by.
	States []domain.Support
}

type supportQueueItem struct {
	domain.SupportRequest
	// RequestedOn is the day of the request in the users' time zone;
	// AgeDays is how many days it has been waiting.
	RequestedOn *time.Time
	AgeDays     int
	// Excerpt is the start of the request text, enough to tell cases apart.
	Excerpt string
}

// supportQueue lists the open support requests of every municipality for
// the KI, oldest first, optionally filtered by municipality and state.
func (s *Server) supportQueue(c *gin.Context) {
	ctx := c.Request.Context()
	sc := scopeOf(c)
	filter := domain.SupportQueueFilter{PlanID: sc.Plan.ID, OrgSlug: c.Query("kommune")}
	if len(filter.OrgSlug) > 100 {
		filter.OrgSlug = "" // no slug is that long; not worth a query
	}
	if st := domain.Support(c.Query("stand")); st == domain.SupportRequested || st == domain.SupportAccepted {
		filter.Support = st
	}
	queue, err := s.store.FindSupportQueue(ctx, filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	towns, err := s.store.FindMunicipalities(ctx, sc.County.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := supportQueueData{Towns: towns, Filter: filter,
		States: []domain.Support{domain.SupportRequested, domain.SupportAccepted}}
	today := dayOf(s.opts.Now())
	for _, r := range queue {
		item := supportQueueItem{SupportRequest: r, Excerpt: queueExcerpt(r.Request, 200)}
		if r.RequestedAt != nil {
			day := dayOf(*r.RequestedAt)
			item.RequestedOn, item.AgeDays = &day, max(0, int(today.Sub(day).Hours()/24))
		}
		data.Items = append(data.Items, item)
	}
	s.render(c, http.StatusOK, "support_queue", view{Title: "support.queue.title", Nav: "unterstuetzung",
		Crumbs: []crumb{{Label: s.translatorFor(c.Request).T("support.queue.title")}}, Data: data})
}

// dayOf is the calendar day of an instant in the users' time zone, as UTC
// midnight, so that days can be counted by subtraction.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(berlin).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// queueExcerpt shortens a request text to at most n characters, ending with "…" when cut.
func queueExcerpt(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}
