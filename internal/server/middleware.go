package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// requestIDOf is the id ServeHTTP gave the request.
func requestIDOf(c *gin.Context) string { return requestIDFrom(c.Request.Context()) }

// recoverPanics turns a panic into a logged 500 page instead of a dropped connection.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler { //nolint:errorlint // the sentinel itself is panicked
				panic(p) // a download that failed midway: net/http drops the connection, the client sees it broken
			}
			s.log.Error("panic", "request_id", requestIDOf(c), "path", c.Request.URL.Path, "panic", p)
			if !c.Writer.Written() {
				s.renderPanicPage(c)
			}
			c.Abort()
		}
	}()
	c.Next()
}

// renderPanicPage shows the 500 page, falling back to plain text should the
// page itself fail, so the user gets an answer rather than a dropped connection.
func (s *Server) renderPanicPage(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic while rendering the error page", "request_id", requestIDOf(c), "panic", p)
			c.String(http.StatusInternalServerError, "Interner Fehler / Internal error: %s\n", requestIDOf(c))
		}
	}()
	s.renderError(c, http.StatusInternalServerError, "error.msg.internal")
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// every script, style and font is served by this binary. Forms may post only
// here, and be redirected only to the identity provider (sign-out ends the
// session there too; browsers apply form-action to that redirect).
func contentSecurityPolicy(issuer string) string {
	formAction := "'self'"
	if u, err := url.Parse(issuer); err == nil && u.Scheme != "" && u.Host != "" {
		formAction += " " + u.Scheme + "://" + u.Host
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src 'self'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
}

func (s *Server) securityHeaders(c *gin.Context) {
	s.setSecurityHeaders(c.Writer.Header())
	c.Next()
}

// setSecurityHeaders also serves answers given before Gin runs (refused bodies).
func (s *Server) setSecurityHeaders(h http.Header) {
	if strings.HasPrefix(s.opts.PublicURL, "https://") {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}
