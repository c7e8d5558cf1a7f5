package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// confirmPath is where providers answer a confirmation link.
const confirmPath = domain.OfferConfirmPath

// confirmData is the provider's page of a confirmation link.
type confirmData struct {
	Link   domain.OfferConfirmation
	Answer string
	Text   string
	Errors map[string]string
	// Refused says why the link cannot be used (expired, used, revoked).
	Refused string
	Done    string // the answer just recorded
}

// confirmOffer shows the provider what they confirm and the three answers.
func (s *Server) confirmOffer(c *gin.Context) {
	link, err := s.services.Offers.OpenLink(c.Request.Context(), c.Param("token"))
	if err != nil {
		s.confirmRefused(c, link, err)
		return
	}
	s.render(c, http.StatusOK, "offer_confirm", view{Title: "offer.link.title", Data: confirmData{Link: link}})
}

// answerOffer records the provider's answer; the link is used up by it.
func (s *Server) answerOffer(c *gin.Context) {
	token := c.Param("token")
	a := domain.ConfirmationAnswer{Answer: echo(c.PostForm("answer"), maxChoiceEcho),
		Text: echo(c.PostForm("text"), domain.MaxConfirmationTextLen)}
	err := s.services.Offers.Answer(c.Request.Context(), token, a)
	if err == nil {
		s.render(c, http.StatusOK, "offer_confirm", view{Title: "offer.link.title", Data: confirmData{Done: a.Answer}})
		return
	}
	link, lerr := s.services.Offers.OpenLink(c.Request.Context(), token)
	if lerr != nil {
		s.confirmRefused(c, link, lerr)
		return
	}
	r, ok := s.refusalOf(c, err, "offer.link.summary", "offer.link.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	s.render(c, r.Status, "offer_confirm", view{Title: "offer.link.title",
		Data: confirmData{Link: link, Answer: a.Answer, Text: a.Text, Errors: r.Fields}})
}

// confirmRefused explains a link that cannot be used: one that is not ours
// is simply not found; an expired, used or revoked one says so (410).
func (s *Server) confirmRefused(c *gin.Context, link domain.OfferConfirmation, err error) {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeConflict {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusGone, "offer_confirm", view{Title: "offer.link.title",
		Data: confirmData{Refused: s.translatorFor(c.Request).ErrorText(err)}})
}

// offerContact is an offer's contact as plain text to keep: no vCard, no
// calendar file, nothing a phone would import without asking.
func (s *Server) offerContact(c *gin.Context) {
	o, ok := s.findPublicOffer(c)
	if !ok {
		return
	}
	t := s.translatorFor(c.Request)
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			b.WriteString(label + ": " + value + "\r\n")
		}
	}
	b.WriteString(o.Title + "\r\n" + o.Provider + "\r\n\r\n")
	if o.Street != "" || o.City != "" {
		line(t.T("public.offer.address"), strings.TrimSpace(o.Street+", "+strings.TrimSpace(o.Postcode+" "+o.City)))
	}
	line(t.T("offer.field.contact_person"), o.ContactPerson)
	line(t.T("offer.field.contact_phone"), o.ContactPhone)
	line(t.T("offer.field.contact_email"), o.ContactEmail)
	line(t.T("offer.field.website"), o.Website)
	for _, slot := range o.Hours.Slots {
		line(t.T("offer.day."+string(rune('0'+slot.Day))), slot.From+"–"+slot.To)
	}
	if o.Hours.ByAppointment {
		b.WriteString(t.T("public.offer.byAppointment") + "\r\n")
	}
	b.WriteString("\r\n" + s.opts.PublicURL + "/angebote/" + o.PublicID + "\r\n")
	body := []byte(b.String())
	c.Header("Content-Type", "text/plain; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="angebot-`+o.PublicID+`.txt"`)
	if publicPageCache(c.Writer, c.Request, body) {
		return
	}
	c.Status(http.StatusOK)
	_, _ = c.Writer.Write(body)
}
