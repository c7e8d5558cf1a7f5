package api

import "sync"

// Texts gives the API its user-facing texts from web/locales, the one place
// where they live; *server.Server is one. The API answers in German (as
// docs/api.md says); the English texts are there for the day it negotiates.
type Texts interface {
	Text(lang, id string) string
	ErrorText(lang string, err error) string
}

// apiLang is the language of the API's problem details.
const apiLang = "de"

// msg holds the texts of the answers no use case gives, read once from
// Texts: huma's refusals are built by a package-level hook (problem.go), so
// these texts are package-level too.
var msg struct {
	once                                      sync.Once
	notFound, internal, unauthorized, method  string
	readOnly, noRole, ifMatch, stale, control string
	cursor, cursorField                       string
}

func loadMessages(t Texts) {
	msg.once.Do(func() {
		msg.notFound, msg.internal = t.Text(apiLang, "api.notFound"), t.Text(apiLang, "error.msg.internal")
		msg.unauthorized, msg.method = t.Text(apiLang, "api.unauthorized"), t.Text(apiLang, "api.method")
		msg.readOnly, msg.noRole = t.Text(apiLang, "api.readOnly"), t.Text(apiLang, "api.noRole")
		msg.ifMatch, msg.stale = t.Text(apiLang, "api.ifMatch"), t.Text(apiLang, "api.stale")
		msg.control = t.Text(apiLang, "api.controlCharacters")
		msg.cursor, msg.cursorField = t.Text(apiLang, "api.cursor"), t.Text(apiLang, "api.cursorField")
	})
}
