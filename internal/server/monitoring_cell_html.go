package server

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// HTML is the cell's markup: the figures as text (each non-zero one a link
// to the workspace that lists exactly those implementations), the bar as
// decoration and the change in words. At Land scale a page holds 4,400
// cells and 31,000 figures; through html/template's contextual escaping they
// took some 250 ms, written here once per cell they take a fraction. Every
// piece of text is escaped: labels and changes come from the message files,
// hrefs from slugs and encoded queries, numbers are numbers.
func (v monitoringCellView) HTML() template.HTML {
	var b strings.Builder
	b.Grow(160 * len(v.Figures))
	if v.Relevant > 0 {
		b.WriteString(`<svg class="mon-bar" viewBox="0 0 `)
		b.WriteString(strconv.Itoa(v.Relevant))
		b.WriteString(` 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">`)
		for _, p := range v.Bar {
			b.WriteString(`<rect class="`)
			b.WriteString(html.EscapeString(p.Class))
			b.WriteString(`" x="`)
			b.WriteString(strconv.Itoa(p.X))
			b.WriteString(`" width="`)
			b.WriteString(strconv.Itoa(p.Width))
			b.WriteString(`" height="1"/>`)
		}
		b.WriteString(`</svg>`)
	}
	b.WriteString("\n<ul class=\"mon-figures\">\n")
	for _, f := range v.Figures {
		b.WriteString(`<li class="mon-fig`)
		if f.Count == 0 {
			b.WriteString(` mon-fig--zero`)
		}
		b.WriteString(`">`)
		if f.Href != "" {
			b.WriteString(`<a class="kern-link" href="`)
			b.WriteString(html.EscapeString(f.Href))
			b.WriteString(`">`)
		}
		b.WriteString(`<span class="mon-num">`)
		b.WriteString(strconv.Itoa(f.Count))
		b.WriteString(`</span> `)
		b.WriteString(html.EscapeString(f.Label))
		if f.Href != "" {
			b.WriteString(`</a>`)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString(`</ul>`)
	if v.Change != "" {
		b.WriteString(`<p class="mon-change">`)
		b.WriteString(html.EscapeString(v.Change))
		b.WriteString(`</p>`)
	}
	return template.HTML(b.String()) // #nosec G203 -- every part escaped above
}
