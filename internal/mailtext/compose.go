package mailtext

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/planwerk/planwerk/internal/domain"
)

// Composer renders mails. Links are absolute, from the public URL.
type Composer struct {
	bundle    *i18n.Bundle
	publicURL string
}

// New loads the message files; publicURL is PLANWERK_PUBLIC_URL.
func New(publicURL string) (*Composer, error) {
	b, err := loadBundle()
	if err != nil {
		return nil, err
	}
	return &Composer{bundle: b, publicURL: strings.TrimRight(publicURL, "/")}, nil
}

func (c *Composer) tr(lang string) tr {
	if lang != "en" {
		lang = "de"
	}
	return tr{lang: lang, loc: i18n.NewLocalizer(c.bundle, lang)}
}

// body is what both templates of a mail show.
type body struct {
	Greeting  string
	Lead      string   // the sentence of the inbox entry, or the digest's intro
	Quote     []string // label and text: the KI's note, the nudge's message
	Sections  []section
	Link      string
	LinkText  string
	Footer    string
	Settings  string
	Mandatory string
}

type section struct {
	Heading string
	Lines   []string
	Link    string // the town's page, in a reminder listing several towns
}

// render fills both templates; text/template writes the plain text as it
// is, html/template escapes every value for the HTML part.
func render(b body) (text, html string, err error) {
	var t, h bytes.Buffer
	if err := textMail.Execute(&t, b); err != nil {
		return "", "", err
	}
	if err := htmlMail.Execute(&h, b); err != nil {
		return "", "", err
	}
	return t.String(), h.String(), nil
}

var textMail = texttemplate.Must(texttemplate.New("text").Parse(`{{.Greeting}}

{{.Lead}}
{{range .Quote}}
{{.}}
{{end}}{{range .Sections}}{{with .Heading}}
{{.}}
{{end}}{{range .Lines}}- {{.}}
{{end}}{{with .Link}}{{$.LinkText}}: {{.}}
{{end}}{{end}}{{with .Link}}
{{$.LinkText}}: {{.}}
{{end}}
-- 
{{with .Mandatory}}{{.}}
{{end}}{{.Footer}}
{{.Settings}}
`))

var htmlMail = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Lead}}</title></head>
<body style="font-family: 'Fira Sans', Arial, sans-serif; color: #1b1b1b; line-height: 1.5; max-width: 40em;">
<p>{{.Greeting}}</p>
<p>{{.Lead}}</p>
{{range .Quote}}<p style="border-left: 4px solid #c8c8c8; padding-left: 0.75em;">{{.}}</p>
{{end}}{{range .Sections}}{{with .Heading}}<h2 style="font-size: 1.1em;">{{.}}</h2>
{{end}}<ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>
{{with .Link}}<p><a href="{{.}}" style="color: #004b87;">{{$.LinkText}}</a></p>
{{end}}{{end}}{{with .Link}}<p><a href="{{.}}" style="color: #004b87;">{{$.LinkText}}</a></p>{{end}}
<hr>
<p style="font-size: 0.9em; color: #4b4b4b;">{{with .Mandatory}}{{.}}<br>{{end}}{{.Footer}}
<a href="{{.Settings}}" style="color: #004b87;">{{.Settings}}</a></p>
</body></html>
`))

// SettingsURL is the page that List-Unsubscribe names for a person.
func (c *Composer) SettingsURL() string { return c.publicURL + domain.MailSettingsPath }

// MailboxURL is the page where the town's coordination sets its mailbox.
func (c *Composer) MailboxURL(plan, org string) string {
	return c.publicURL + "/plaene/" + plan + "/kommunen/" + org + "/funktionspostfach"
}
