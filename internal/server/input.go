package server

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// checkInput refuses a request whose query or form carries bytes that are not
// UTF-8 or control characters other than tab and line breaks: no form of
// ours sends them, PostgreSQL cannot store them, and every handler would
// otherwise need the same check. The user gets a page that says what to do.
func (s *Server) checkInput(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil || !cleanValues(c.Request.Form) {
		s.renderError(c, http.StatusBadRequest, "error.msg.badCharacters")
		c.Abort()
		return
	}
	c.Next()
}

func cleanValues(values url.Values) bool {
	for key, vs := range values {
		if !cleanText(key) {
			return false
		}
		for _, v := range vs {
			if !cleanText(v) {
				return false
			}
		}
	}
	return true
}

func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
	})
}
