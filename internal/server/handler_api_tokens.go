package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// tokensPath is the page where a signed-in user manages their own API tokens.
const tokensPath = "/konto/api-zugaenge"

type tokensData struct {
	Tokens   []domain.APIToken
	Validity []int
	// Secret is the token just created: shown on this one answer, never again.
	Secret  string
	Name    string // the name typed, echoed after a refusal
	Errors  map[string]string
	Message string // message id confirming a change
}

// apiTokens lists the signed-in user's tokens with a form to create one.
func (s *Server) apiTokens(c *gin.Context) {
	msg := ""
	if c.Query("ok") == "revoked" {
		msg = "tokens.revoked"
	}
	s.renderTokens(c, http.StatusOK, tokensData{Message: msg})
}

func (s *Server) renderTokens(c *gin.Context, status int, d tokensData) {
	acc, _ := account(c)
	toks, err := s.tokens.List(c.Request.Context(), acc.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Tokens, d.Validity = toks, domain.APITokenValidity
	// The page with a secret must not be kept by a cache or the browser's history.
	c.Header("Cache-Control", "no-store")
	s.render(c, status, "api_tokens", view{Title: "tokens.heading", Nav: "konto", Data: d})
}

// createAPIToken makes a token and shows its secret once, on this answer
// (not after a redirect, which would have to carry it in the address or
// the session).
func (s *Server) createAPIToken(c *gin.Context) {
	acc, _ := account(c)
	name := c.PostForm("name")
	days, _ := strconv.Atoi(c.PostForm("days"))
	secret, _, err := s.tokens.Create(c.Request.Context(), acc.ID, name, days)
	if r, ok := s.refusalOf(c, err, "tokens.error.summary", "tokens.error.summary"); ok {
		s.renderTokens(c, r.Status, tokensData{Name: echo(name, domain.APITokenMaxName), Errors: r.Fields})
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderTokens(c, http.StatusCreated, tokensData{Secret: secret, Message: "tokens.createdMessage"})
}

// revokeAPIToken ends one of the user's tokens; another's is not found.
func (s *Server) revokeAPIToken(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	acc, _ := account(c)
	if err := s.tokens.Revoke(c.Request.Context(), acc.ID, id); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, tokensPath+"?ok=revoked")
}
