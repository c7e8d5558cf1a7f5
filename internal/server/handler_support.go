package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// requestSupport records a municipality's request for KI support on one of
// its implementations, through the workflow rules, with optimistic locking
// and an audit event.
func (s *Server) requestSupport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	form := supportForm{Version: c.PostForm("version"), Request: c.PostForm("support_request")}
	version, err := strconv.Atoi(form.Version)
	if err != nil {
		s.renderError(c, http.StatusBadRequest, "support.err.incomplete")
		return
	}
	_, err = s.impls.RequestSupport(c.Request.Context(), actorOf(c), key, version, form.Request)
	s.supportAnswered(c, sc, key, form, err)
}

// answerSupport records the KI's answer to a support request: accepted,
// declined (with a reason) or done.
func (s *Server) answerSupport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	form := supportForm{Version: c.PostForm("version"), Decision: c.PostForm("decision"), Reason: c.PostForm("support_response")}
	version, err := strconv.Atoi(form.Version)
	if err != nil {
		s.renderError(c, http.StatusBadRequest, "support.err.incomplete")
		return
	}
	decision := domain.Support(form.Decision)
	if !slices.Contains(domain.SupportAnswers, decision) {
		// Not one of the form's choices: the form was not filled in, the
		// workflow has nothing to decide.
		tr := s.translatorFor(c.Request)
		s.renderSupportForm(c, http.StatusUnprocessableEntity, sc.Org, key, supportFormData{Form: form,
			Errors: map[string]string{"decision": tr.T("support.err.decision")}, Message: tr.T("support.msg.invalid")})
		return
	}
	_, err = s.impls.AnswerSupport(c.Request.Context(), actorOf(c), key, version, decision, form.Reason)
	s.supportAnswered(c, sc, key, form, err)
}

// supportAnswered answers a support step: back to the implementation page
// on success, the form again with what was wrong otherwise.
func (s *Server) supportAnswered(c *gin.Context, sc domain.PlanScope, key domain.ImplementationKey, form supportForm, err error) {
	if err == nil {
		c.Redirect(http.StatusSeeOther, backWith(c.PostForm("zurueck"), savedAt(implementationPath(sc, key.ID), "unterstuetzung"), "beantwortet"))
		return
	}
	r, ok := s.refusalOf(c, err, "support.msg.invalid", "support.msg.conflict")
	if !ok {
		s.fail(c, err)
		return
	}
	d := supportFormData{Form: form, Errors: r.Fields, Message: r.Summary, Conflict: r.Stale}
	if !r.Stale && len(r.Fields) == 0 {
		// A step the support state does not allow (a second request while
		// one is open): the page shows the current state below.
		d.Message = r.Summary + " " + s.translatorFor(c.Request).T("support.msg.notPossible")
	}
	s.renderSupportForm(c, r.Status, sc.Org, key, d)
}

// renderSupportForm shows the support form page for the implementation as it
// is stored now, with the support steps open from there.
func (s *Server) renderSupportForm(c *gin.Context, status int, org domain.Organisation, key domain.ImplementationKey, d supportFormData) {
	d.Form = d.Form.echo()
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Org, d.Impl, d.Support = org, detail, supportChoicesFor(c, detail.Implementation)
	tr := s.translatorFor(c.Request)
	s.render(c, status, "support_form", view{
		Title: tr.T("support.form.title", "Code", detail.MeasureCode, "Org", org.Name), Nav: townNav(c, org.Slug),
		Crumbs: []crumb{{Label: org.Name, Href: townPath(scopeOf(c).Plan.Slug, org.Slug)},
			{Label: tr.T("support.crumb.measure", "Code", detail.MeasureCode), Href: implementationPath(scopeOf(c), key.ID)},
			{Label: tr.T("support.heading")}},
		Data: d,
	})
}

// supportChoicesFor are the support steps the signed-in user is offered on impl.
func supportChoicesFor(c *gin.Context, impl domain.Implementation) domain.SupportChoices {
	perms, dom := permissions(c), scopeDomain(scopeOf(c))
	if perms == nil {
		return domain.SupportChoices{}
	}
	return domain.ChoicesOf(impl, perms.Can(dom, "support", "request"), perms.Can(dom, "support", "answer"))
}

type supportQueueData struct {
	Items  []supportQueueItem
	Towns  []domain.Organisation
	Filter domain.SupportQueueFilter
	Tabs   []domain.SupportTab
	// Done confirms the step just taken from the queue (a message id).
	Done string
	// Back is the queue's address as shown, where its forms return to.
	Back string
}

type supportQueueItem struct {
	domain.SupportRequest
	// RequestedOn is the day of the request and AnsweredOn of the answer, in
	// the users' time zone; AgeDays is how many days the request has been
	// waiting for an answer, or the accepted request for being done.
	RequestedOn, AnsweredOn *time.Time
	AgeDays                 int
	// Excerpt is the start of the request text, enough to tell cases apart.
	Excerpt string
}

// supportQueue lists one tab of the KI's support queue (new, accepted,
// closed), optionally of one municipality. Each open request can be taken
// and answered right there.
func (s *Server) supportQueue(c *gin.Context) {
	ctx := c.Request.Context()
	sc := scopeOf(c)
	filter := domain.SupportQueueFilter{PlanID: sc.Plan.ID, OrgSlug: c.Query("kommune"), Tab: domain.SupportTab(c.Query("ansicht"))}
	if len(filter.OrgSlug) > 100 {
		filter.OrgSlug = "" // no slug is that long; not worth a query
	}
	if !slices.Contains(domain.SupportTabs, filter.Tab) {
		filter.Tab = domain.SupportTabNew
	}
	queue, err := s.impls.SupportQueue(ctx, filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	towns, err := s.store.FindMunicipalities(ctx, sc.County.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := supportQueueData{Towns: towns, Filter: filter, Tabs: domain.SupportTabs,
		Done: supportQueueDone(c.Query("ok")), Back: c.Request.URL.Path + "?" + supportQueueQuery(filter)}
	today := dayOf(s.opts.Now())
	for _, r := range queue {
		item := supportQueueItem{SupportRequest: r, Excerpt: queueExcerpt(r.Request, 200)}
		if r.RequestedAt != nil {
			day := dayOf(*r.RequestedAt)
			item.RequestedOn, item.AgeDays = &day, max(0, int(today.Sub(day).Hours()/24))
		}
		if r.AnsweredAt != nil {
			day := dayOf(*r.AnsweredAt)
			item.AnsweredOn = &day
			if r.Support == domain.SupportAccepted {
				item.AgeDays = max(0, int(today.Sub(day).Hours()/24))
			}
		}
		data.Items = append(data.Items, item)
	}
	s.render(c, http.StatusOK, "support_queue", view{Title: "support.queue.title", Nav: "unterstuetzung",
		Crumbs: []crumb{{Label: s.translatorFor(c.Request).T("support.queue.title")}}, Data: data})
}

// supportQueueQuery is the query string of a queue view.
func supportQueueQuery(f domain.SupportQueueFilter) string {
	q := url.Values{"ansicht": {string(f.Tab)}}
	if f.OrgSlug != "" {
		q.Set("kommune", f.OrgSlug)
	}
	return q.Encode()
}

// supportQueueDone is the confirmation of a step taken from the queue; an
// unknown value confirms nothing.
func supportQueueDone(ok string) string {
	switch ok {
	case "uebernommen":
		return "support.queue.taken"
	case "beantwortet":
		return "support.queue.answered"
	}
	return ""
}

// takeSupport makes the signed-in KI staff member the one who works on a
// support request, then returns to where the form was sent from (the queue).
func (s *Server) takeSupport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	if err := s.impls.TakeSupport(c.Request.Context(), actorOf(c), key); err != nil {
		if domain.ErrorCode(err) == domain.CodeConflict {
			s.renderError(c, http.StatusConflict, domain.ErrorKey(err))
			return
		}
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, backWith(c.PostForm("zurueck"), savedAt(implementationPath(sc, key.ID), "unterstuetzung"), "uebernommen"))
}

// backWith is the address a form returns to after success: its zurueck
// field when that is an address of this site, else fallback; ok is added
// as the confirmation to show there.
func backWith(back, fallback, ok string) string {
	next := domain.SafeNext(back)
	if back == "" || next == "/" {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil {
		return fallback
	}
	q := u.Query()
	q.Set("ok", ok)
	u.RawQuery = q.Encode()
	return u.String()
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
