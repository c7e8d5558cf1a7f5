package server

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// measureRows is the measure page's table body: one row per organisation's
// implementation, 396 at Land scale. Written in Go for the reason
// workspaceRows gives: through html/template the rows took three quarters of
// the page's time (bench -profile-path). Organisation names, notes and all
// translated text are escaped; hrefs are built from slugs and numeric ids.
func measureRows(v view) template.HTML {
	d, _ := v.Data.(measureData)
	text := newEscapedTexts(v.translator)
	planPath := v.PlanPath()
	var b strings.Builder
	b.Grow(700 * len(d.Implementations))
	for _, i := range d.Implementations {
		b.WriteString("<tr class=\"kern-table__row\">\n<th scope=\"row\" class=\"kern-table__header\"><a class=\"kern-link\" href=\"")
		b.WriteString(planPath + "/kommunen/" + html.EscapeString(i.OrgSlug) + "/umsetzungen/" + strconv.FormatInt(i.ID, 10))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(i.OrgName))
		b.WriteString("</a></th>\n<td class=\"kern-table__cell\">")
		st := i.State()
		writeState(&b, colourOf(d.Colours, st), text.get("state."+st))
		if i.RelevanceNote != "" {
			b.WriteString(`<br><span class="kern-body--small">`)
			b.WriteString(html.EscapeString(i.RelevanceNote))
			b.WriteString(`</span>`)
		}
		b.WriteString("</td>\n<td class=\"kern-table__cell kern-table__cell--numeric\">")
		if i.Relevance == domain.RelevanceRelevant {
			b.WriteString(html.EscapeString(v.Percent(i.Progress)))
		} else {
			b.WriteString("–")
		}
		b.WriteString("</td>\n<td class=\"kern-table__cell nowrap\">")
		switch {
		case i.Continuous:
			b.WriteString(text.get("measure.continuous"))
		case i.DueOn != nil:
			b.WriteString(html.EscapeString(v.Date(*i.DueOn)))
		default:
			b.WriteString("–")
		}
		if i.Overdue(d.Today) {
			b.WriteString(` <span class="kern-badge kern-badge--danger kern-badge--small">` + text.get("measure.overdue") + `</span>`)
		}
		if i.Postponements > 0 {
			b.WriteString(` <span class="kern-badge kern-badge--warning kern-badge--small">`)
			b.WriteString(html.EscapeString(v.T("implementation.postponed.badge", "Count", i.Postponements)))
			b.WriteString(`</span>`)
		}
		b.WriteString("</td>\n<td class=\"kern-table__cell nowrap\">")
		if i.LastUpdateOn != nil {
			b.WriteString(html.EscapeString(v.Date(*i.LastUpdateOn)))
		} else {
			b.WriteString(text.get("measure.never"))
		}
		b.WriteString("</td>\n<td class=\"kern-table__cell\">")
		if i.Support != domain.SupportNone {
			b.WriteString(text.get("support." + string(i.Support)))
		} else {
			b.WriteString("–")
		}
		b.WriteString("</td>\n</tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every text escaped (see above)
}
