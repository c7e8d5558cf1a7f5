package server

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"io/fs"
	"regexp"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/web"
)

// printFonts are the Fira Sans faces the print document uses (regular,
// italic, semibold, bold); the others stay out to keep the document small.
var printFonts = []string{"FiraSans-Regular.woff2", "FiraSans-Italic.woff2", "FiraSans-SemiBold.woff2", "FiraSans-Bold.woff2"}

var fontFaceRE = regexp.MustCompile(`(?s)@font-face\s*\{.*?\}`)

// printCSS is the print document's style sheet: KERN, the faces of Fira
// Sans as data URLs, Planwerk's and the report's styles. The document is
// printed without network, so everything it needs is inside it.
var printCSS = sync.OnceValues(func() (template.CSS, error) {
	var b strings.Builder
	for _, name := range []string{"vendor/kern/kern.min.css", "app.css", "report.css"} {
		data, err := fs.ReadFile(web.Static, "static/"+name)
		if err != nil {
			return "", err
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	faces, err := fs.ReadFile(web.Static, "static/vendor/kern/fonts/fira-sans.css")
	if err != nil {
		return "", err
	}
	for _, face := range fontFaceRE.FindAllString(string(faces), -1) {
		for _, font := range printFonts {
			if !strings.Contains(face, "/"+font+`"`) {
				continue
			}
			data, err := fs.ReadFile(web.Static, "static/vendor/kern/fonts/fira-sans/"+font)
			if err != nil {
				return "", err
			}
			url := "data:font/woff2;base64," + base64.StdEncoding.EncodeToString(data)
			b.WriteString(strings.Replace(face, "./fira-sans/"+font, url, 1))
			b.WriteByte('\n')
		}
	}
	return template.CSS(b.String()), nil //nolint:gosec // our own embedded files only
})

// printDocument renders the print document of a report (report_print.html)
// in the request's language.
func (s *Server) printDocument(c *gin.Context, d reportData) ([]byte, error) {
	css, err := printCSS()
	if err != nil {
		return nil, err
	}
	d.PrintCSS = css
	v := view{translator: s.translatorFor(c.Request), Data: d, Scope: scopeOf(c)}
	var buf bytes.Buffer
	if err := s.pages.byName["report_print"].ExecuteTemplate(&buf, "printdoc", v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
