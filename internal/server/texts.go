package server

import (
	"net/http"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The JSON API (internal/api) takes its user-facing texts from the same
// message files as the pages, through these two methods, so that a refusal
// says the same thing on a page and in a problem-details answer.

// Text is the message id in lang ("de" or "en").
func (s *Server) Text(lang, id string) string { return s.translatorIn(lang).T(id) }

// ErrorText is the user-facing text of a domain error in lang.
func (s *Server) ErrorText(lang string, err error) string { return s.translatorIn(lang).ErrorText(err) }

func (s *Server) translatorIn(lang string) translator {
	if lang != "en" {
		lang = "de"
	}
	return translator{lang: lang, loc: i18n.NewLocalizer(s.messages, lang), plain: s.plainMessages[lang], log: s.log}
}

// MountAPI hands every request under /api/ to h. The API is built after the
// server because it speaks with the server's texts; until it is mounted,
// /api/ answers 404.
func (s *Server) MountAPI(h http.Handler) { s.api = h }
