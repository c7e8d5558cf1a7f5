package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// offersPath is the address of an organisation's offers within a plan.
func offersPath(sc domain.PlanScope) string { return townPath(sc.Plan.Slug, sc.Org.Slug) + "/angebote" }

func offerPath(sc domain.PlanScope, id int64) string {
	return offersPath(sc) + "/" + strconv.FormatInt(id, 10)
}

type offerListData struct {
	Offers      []domain.Offer
	Unconfirmed map[int64]bool
}

// offers lists the offers an organisation maintains, in every state.
func (s *Server) offers(c *gin.Context) {
	sc := scopeOf(c)
	list, err := s.services.Offers.OfOrganisation(c.Request.Context(), sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := offerListData{Offers: list, Unconfirmed: map[int64]bool{}}
	now, period := s.services.Offers.Now(), s.services.Offers.UnconfirmedAfter()
	for _, o := range list {
		d.Unconfirmed[o.ID] = o.Public() && o.Unconfirmed(now, period)
	}
	s.render(c, http.StatusOK, "offers", view{Title: "offer.list.title", Nav: townNav(c, sc.Org.Slug),
		Crumbs: []crumb{{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)}, {Label: "offer.list.title"}},
		Data:   d})
}

// newOffer shows the empty form of an offer.
func (s *Server) newOffer(c *gin.Context) {
	s.renderOfferForm(c, http.StatusOK, offerFormData{Form: newOfferForm()})
}

// createOffer adds a draft offer.
func (s *Server) createOffer(c *gin.Context) {
	sc := scopeOf(c)
	form := readOfferForm(c.Request.PostForm)
	fields, err := s.checkedOfferFields(c.Request.Context(), sc, form)
	var o domain.Offer
	if err == nil {
		o, err = s.services.Offers.Create(c.Request.Context(), actorOf(c), sc, fields)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, offerPath(sc, o.ID)+"?gespeichert=1")
		return
	}
	s.refuseOfferForm(c, err, offerFormData{Form: form})
}

// offer shows an offer to its maintainers: state, links, tasks.
func (s *Server) offer(c *gin.Context) {
	s.renderOfferPage(c, http.StatusOK, "")
}

// editOffer shows the form of a stored offer.
func (s *Server) editOffer(c *gin.Context) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	o, err := s.services.Offers.Get(c.Request.Context(), sc, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderOfferForm(c, http.StatusOK, offerFormData{Offer: o, Form: offerFormOf(o), Version: o.Version})
}

// saveOffer saves a stored offer from the version its form was loaded at;
// after someone else saved meanwhile, the form shows both side by side (409).
func (s *Server) saveOffer(c *gin.Context) {
	sc := scopeOf(c)
	id, version, ok := s.idAndVersion(c, "offer.err.formIncomplete")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	current, err := s.services.Offers.Get(ctx, sc, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := readOfferForm(c.Request.PostForm)
	fields, err := s.checkedOfferFields(ctx, sc, form)
	if err == nil {
		_, err = s.services.Offers.Update(ctx, actorOf(c), sc, id, version, fields)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, offerPath(sc, id)+"?gespeichert=1")
		return
	}
	d := offerFormData{Offer: current, Form: form, Version: version}
	if errors.Is(err, domain.ErrStaleVersion) {
		fresh, ferr := s.services.Offers.Get(ctx, sc, id)
		if ferr != nil {
			s.fail(c, ferr)
			return
		}
		d.Offer, d.Version = fresh, fresh.Version
		d.Differences = offerDifferences(s.translatorFor(c.Request), form.echo(), offerFormOf(fresh))
	}
	s.refuseOfferForm(c, err, d)
}

// setOfferState publishes, withdraws or archives an offer.
func (s *Server) setOfferState(c *gin.Context) {
	sc := scopeOf(c)
	id, version, ok := s.idAndVersion(c, "offer.err.formIncomplete")
	if !ok {
		return
	}
	_, err := s.services.Offers.SetState(c.Request.Context(), actorOf(c), sc, id, version,
		domain.OfferState(c.PostForm("state")))
	if err == nil {
		c.Redirect(http.StatusSeeOther, offerPath(sc, id)+"?gespeichert=1")
		return
	}
	r, ok := s.refusalOf(c, err, "offer.err.stateRefused", "offer.err.staleState")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderOfferPage(c, r.Status, r.Summary)
}

func (s *Server) refuseOfferForm(c *gin.Context, err error, d offerFormData) {
	r, ok := s.refusalOf(c, err, "offer.err.summary", "offer.err.stale")
	if !ok {
		s.fail(c, err)
		return
	}
	d.Errors, d.Summary, d.Conflict = r.Fields, r.Summary, r.Stale
	s.renderOfferForm(c, r.Status, d)
}

func (s *Server) renderOfferForm(c *gin.Context, status int, d offerFormData) {
	sc := scopeOf(c)
	d.Form = d.Form.echo()
	choices, err := s.services.Offers.FormChoices(c.Request.Context(), sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Choices, d.Days = choices, []int{1, 2, 3, 4, 5, 6, 7}
	d.Groups, d.Languages = domain.OfferTargetGroups, domain.OfferLanguages
	d.Statuses, d.StepFree = domain.OfferStatuses, domain.StepFreeAnswers
	title := "offer.form.new"
	crumbs := []crumb{{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)},
		{Label: "offer.list.title", Href: offersPath(sc)}}
	if d.Offer.ID != 0 {
		title = "offer.form.edit"
		crumbs = append(crumbs, crumb{Label: d.Offer.Title, Href: offerPath(sc, d.Offer.ID)})
	}
	s.render(c, status, "offer_form", view{Title: title, Nav: townNav(c, sc.Org.Slug),
		Crumbs: append(crumbs, crumb{Label: title}), Data: d})
}

// offerDifferences lists where the refused input differs from what someone
// else saved meanwhile.
func offerDifferences(t translator, mine, theirs offerForm) []difference {
	var out differences
	show := func(v string) string { return orDash(v) }
	for _, name := range []string{"title", "provider", "description", "status", "step_free", "street", "postcode",
		"city", "contact_email", "contact_phone", "website", "contact_person", "fees", "eligibility", "closed_until"} {
		out.add(name, t.T("offer.field."+name), mine.Get(name), theirs.Get(name), show)
	}
	return out
}
