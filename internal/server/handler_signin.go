package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// signIn starts the OpenID Connect flow. It first moves the browser to the
// public host, so that the session holding state and nonce is the one the
// provider's callback will bring back.
func (s *Server) signIn(c *gin.Context) {
	next := domain.SafeNext(c.Query("next"))
	if pub, err := url.Parse(s.opts.PublicURL); err == nil && pub.Host != "" && pub.Host != c.Request.Host {
		c.Redirect(http.StatusSeeOther, s.opts.PublicURL+"/anmelden?next="+url.QueryEscape(next))
		return
	}
	target, err := s.auth.LoginURL(c.Request.Context(), next)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
}

// signInCallback completes the flow the provider sends the browser back with.
func (s *Server) signInCallback(c *gin.Context) {
	next, err := s.auth.Finish(c.Request.Context(), c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

// signOut ends the local session and, where the provider supports it, the
// provider's session too.
func (s *Server) signOut(c *gin.Context) {
	target, err := s.auth.Logout(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
}
