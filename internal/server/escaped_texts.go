package server

import (
	"html"
	"strings"
)

// escapedTexts translates each message id once per page and keeps the text
// HTML-escaped, for the rows written in Go (workspace, measure page): a
// Land-scale page repeats the same dozen labels hundreds of times.
type escapedTexts struct {
	tr   translator
	byID map[string]string
}

func newEscapedTexts(tr translator) *escapedTexts {
	return &escapedTexts{tr: tr, byID: map[string]string{}}
}

// get is the escaped text of the message id (without placeholders).
func (e *escapedTexts) get(id string) string {
	if t, ok := e.byID[id]; ok {
		return t
	}
	t := html.EscapeString(e.tr.T(id))
	e.byID[id] = t
	return t
}

// writeState writes a state as the "state" template of layout.html does: a
// coloured dot and its label. colour is one of colourOf's class names,
// label is escaped already.
func writeState(b *strings.Builder, colour, label string) {
	b.WriteString(`<span class="state state--` + colour + `"><span class="state__dot" aria-hidden="true"></span>`)
	b.WriteString(label)
	b.WriteString(`</span>`)
}
