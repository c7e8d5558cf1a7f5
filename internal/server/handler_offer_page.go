package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// offerPageData is an offer as its maintainers see it.
type offerPageData struct {
	Offer       domain.Offer
	Links       []domain.OfferConfirmation
	Measures    []domain.Measure // the linked measures of the plan
	Unconfirmed bool
	Saved       bool
	// Refused is the message of a refused state change or link action.
	Refused string
	// NewLink is the address of a link just made, shown once to copy.
	NewLink string
	// Mailer is true when links can be sent by e-mail.
	Mailer bool
	// SentTo is the address a link was just mailed to.
	SentTo string
	// PublicURL is the offer's public page, when it is public.
	PublicURL string
	// Translations is the state of each translation language.
	Translations []translationState
}

// translationState is how far one language's translation is.
type translationState struct {
	Lang  string
	State string // missing, current, outdated
}

func translationStates(o domain.Offer) []translationState {
	out := make([]translationState, len(domain.TranslationLanguages))
	for i, lang := range domain.TranslationLanguages {
		out[i] = translationState{Lang: lang, State: "missing"}
		if t, ok := o.Translation(lang); ok {
			out[i].State = "current"
			if t.Outdated {
				out[i].State = "outdated"
			}
		}
	}
	return out
}

func (s *Server) renderOfferPage(c *gin.Context, status int, refused string) {
	s.renderOfferPageWith(c, status, offerPageData{Refused: refused, Saved: c.Query("gespeichert") == "1"})
}

func (s *Server) renderOfferPageWith(c *gin.Context, status int, d offerPageData) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	ctx := c.Request.Context()
	o, err := s.services.Offers.Get(ctx, sc, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	links, err := s.services.Offers.Links(ctx, sc, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	choices, err := s.services.Offers.FormChoices(ctx, sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, m := range choices.Measures {
		for _, mid := range o.MeasureIDs {
			if m.ID == mid {
				d.Measures = append(d.Measures, m)
			}
		}
	}
	d.Offer, d.Links, d.Translations = o, links, translationStates(o)
	d.Unconfirmed = o.Unconfirmed(s.services.Offers.Now(), s.services.Offers.UnconfirmedAfter())
	d.Mailer = s.services.Offers.HasMailer()
	if o.Public() {
		d.PublicURL = "/angebote/" + o.PublicID
	}
	s.render(c, status, "offer_internal", view{Title: "offer.page.title", Nav: townNav(c, sc.Org.Slug),
		Crumbs: []crumb{{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)},
			{Label: "offer.list.title", Href: offersPath(sc)}, {Label: o.Title}}, Data: d})
}

// issueOfferLink makes a confirmation link and shows it once to copy (or
// sends it, when e-mail is set up).
func (s *Server) issueOfferLink(c *gin.Context) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	token, err := s.services.Offers.IssueLink(c.Request.Context(), actorOf(c), sc, id)
	if err != nil {
		s.offerActionRefused(c, err)
		return
	}
	s.renderOfferPageWith(c, http.StatusOK, offerPageData{NewLink: s.opts.PublicURL + confirmPath + "/" + token})
}

// sendOfferLink makes a confirmation link and mails it to the offer's
// contact address (a stored mail, sent by a job).
func (s *Server) sendOfferLink(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	address, err := s.services.Offers.SendLink(c.Request.Context(), actorOf(c), scopeOf(c), id)
	if err != nil {
		s.offerActionRefused(c, err)
		return
	}
	s.renderOfferPageWith(c, http.StatusOK, offerPageData{SentTo: address})
}

// revokeOfferLink makes a link unusable.
func (s *Server) revokeOfferLink(c *gin.Context) {
	s.offerLinkAction(c, s.services.Offers.RevokeLink)
}

// closeOfferTask marks a change a provider asked for as done.
func (s *Server) closeOfferTask(c *gin.Context) {
	s.offerLinkAction(c, s.services.Offers.CloseTask)
}

func (s *Server) offerLinkAction(c *gin.Context,
	do func(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id, linkID int64) error) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	linkID, linkOK := parseID(c.Param("link"))
	if !ok || !linkOK {
		s.notFound(c)
		return
	}
	if err := do(c.Request.Context(), actorOf(c), sc, id, linkID); err != nil {
		s.offerActionRefused(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, offerPath(sc, id)+"#bestaetigung")
}

// offerActionRefused shows the offer page with why an action was refused;
// a link or offer that does not exist is a 404.
func (s *Server) offerActionRefused(c *gin.Context, err error) {
	r, ok := s.refusalOf(c, err, "offer.err.stateRefused", "offer.err.staleState")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderOfferPage(c, r.Status, r.Summary)
}
