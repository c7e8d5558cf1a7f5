package server

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// HTML is the tally's markup: a bar for the eye (aria-hidden), and the
// counts per state as a list for everyone. The plan overview shows one
// tally per measure, 300 at Land scale; through html/template they took
// most of the page's time (bench -profile-path), written here they take a
// fraction. Labels are escaped; colours are the fixed class names colourOf
// allows; counts are numbers.
func (tv tallyView) HTML() template.HTML {
	var b strings.Builder
	b.Grow(200 + 160*len(tv.Entries))
	b.WriteString("<div class=\"tally\">\n")
	if total := tv.Tally.Total(); total > 0 {
		b.WriteString(`<svg class="tally__bar" viewBox="0 0 `)
		b.WriteString(strconv.Itoa(total))
		b.WriteString(` 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">`)
		for _, s := range barSegments(tv.Tally, tv.Colours) {
			b.WriteString(`<rect class="fill--` + s.Colour + `" x="` + strconv.Itoa(s.X) + `" width="` + strconv.Itoa(s.Width) + `" height="1"/>`)
		}
		b.WriteString("</svg>\n")
	}
	b.WriteString("<ul class=\"tally__list\">")
	for _, e := range tv.Entries {
		b.WriteString(`<li><span class="state state--` + e.Colour + `"><span class="state__dot" aria-hidden="true"></span>`)
		b.WriteString(html.EscapeString(e.Label))
		b.WriteString(`</span> <span class="tally__count">`)
		b.WriteString(strconv.Itoa(e.Count))
		b.WriteString(`</span></li>`)
	}
	b.WriteString("</ul>\n</div>")
	return template.HTML(b.String()) // #nosec G203 -- labels escaped, colours and counts from code
}
