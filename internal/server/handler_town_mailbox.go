package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// townMailboxData is the role mailbox page of a town.
type townMailboxData struct {
	Mailbox domain.TownMailbox
	Saved   bool
	Refusal refusal
}

// townMailbox shows the town's role mailbox setting.
func (s *Server) townMailbox(c *gin.Context) {
	sc := scopeOf(c)
	m, err := s.services.Notify.TownMailbox(c.Request.Context(), actorOf(c), sc.Org.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderTownMailbox(c, http.StatusOK, townMailboxData{Mailbox: m, Saved: c.Query("ok") == "1"})
}

func (s *Server) renderTownMailbox(c *gin.Context, status int, d townMailboxData) {
	sc := scopeOf(c)
	s.render(c, status, "town_mailbox", view{Title: "mailbox.nav", Scope: sc, Data: d,
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: sc.Org.Name, Href: townPath(sc.Plan.Slug, sc.Org.Slug)},
			{Label: s.translatorFor(c.Request).T("mailbox.nav")}}})
}

// saveTownMailbox saves the address ("" removes it) and whether the town's
// mails go to it only.
func (s *Server) saveTownMailbox(c *gin.Context) {
	sc := scopeOf(c)
	m := domain.TownMailbox{Address: c.PostForm("address"), Only: c.PostForm("only") == "1", Language: c.PostForm("language")}
	err := s.services.Notify.SetTownMailbox(c.Request.Context(), actorOf(c), sc.Org.ID, m)
	if err == nil {
		c.Redirect(http.StatusSeeOther, townPath(sc.Plan.Slug, sc.Org.Slug)+"/funktionspostfach?ok=1")
		return
	}
	r, ok := s.refusalOf(c, err, "mailbox.err.address", "mailbox.err.address")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderTownMailbox(c, r.Status, townMailboxData{Mailbox: m, Refusal: r})
}
