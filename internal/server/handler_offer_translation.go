package server

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// translationData is the form of one translation beside the German source.
type translationData struct {
	Offer  domain.Offer
	Lang   string
	RTL    bool
	Form   domain.OfferTranslation
	Errors map[string]string
	// Outdated: the German texts changed after this translation.
	Outdated bool
}

// offerTranslation shows the form of an offer's translation into :lang.
func (s *Server) offerTranslation(c *gin.Context) {
	o, lang, ok := s.translationTarget(c)
	if !ok {
		return
	}
	t, _ := o.Translation(lang)
	s.renderTranslation(c, http.StatusOK, translationData{Offer: o, Lang: lang, Form: t, Outdated: t.Outdated})
}

// saveOfferTranslation saves the translation into :lang.
func (s *Server) saveOfferTranslation(c *gin.Context) {
	o, lang, ok := s.translationTarget(c)
	if !ok {
		return
	}
	form := domain.OfferTranslation{Lang: lang, Title: echo(c.PostForm("title"), domain.MaxOfferTitleLen),
		Description: echo(c.PostForm("description"), domain.MaxOfferDescriptionLen),
		Fees:        echo(c.PostForm("fees"), domain.MaxOfferNoteLen), Eligibility: echo(c.PostForm("eligibility"), domain.MaxOfferNoteLen)}
	sc := scopeOf(c)
	if _, err := s.services.Offers.Translate(c.Request.Context(), actorOf(c), sc, o.ID, form); err != nil {
		r, ok := s.refusalOf(c, err, "offer.err.summary", "offer.err.stale")
		if !ok {
			s.fail(c, err)
			return
		}
		s.renderTranslation(c, r.Status, translationData{Offer: o, Lang: lang, Form: form, Errors: r.Fields})
		return
	}
	c.Redirect(http.StatusSeeOther, offerPath(sc, o.ID)+"?gespeichert=1#uebersetzungen")
}

// translationTarget reads the offer and the language of a translation's
// address; an unknown language is not found.
func (s *Server) translationTarget(c *gin.Context) (domain.Offer, string, bool) {
	id, ok := parseID(c.Param("id"))
	lang := c.Param("lang")
	if !ok || !slices.Contains(domain.TranslationLanguages, lang) {
		s.notFound(c)
		return domain.Offer{}, "", false
	}
	o, err := s.services.Offers.Get(c.Request.Context(), scopeOf(c), id)
	if err != nil {
		s.fail(c, err)
		return domain.Offer{}, "", false
	}
	return o, lang, true
}

func (s *Server) renderTranslation(c *gin.Context, status int, d translationData) {
	sc := scopeOf(c)
	d.RTL = domain.RightToLeft(d.Lang)
	s.render(c, status, "offer_translation", view{Title: "offer.translation.title", Nav: townNav(c, sc.Org.Slug),
		Crumbs: []crumb{{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)},
			{Label: "offer.list.title", Href: offersPath(sc)}, {Label: d.Offer.Title, Href: offerPath(sc, d.Offer.ID)},
			{Label: "offer.lang." + d.Lang}}, Data: d})
}
