package server

import (
	"fmt"
	"html/template"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// templateFuncs are the functions every template may call. Texts, dates and
// numbers in the page's language come from the view itself ($.T, $.Date,
// $.Percent); the helpers taking the view as first argument do the same.
var templateFuncs = template.FuncMap{
	"asset":            assetURL,
	"stateOf":          stateOf,
	"tallyArgs":        tallyArgs,
	"isoDate":          func(t time.Time) string { return t.Format(time.DateOnly) },
	"relevanceChoices": func() []domain.Relevance { return domain.Relevances },
	"scopeLabelFor":    scopeLabelFor,
	"filterSelect":     filterSelect,
	"postponedLine":    postponedLine,
	"wsRows":           wsRows,
	"measureRows":      measureRows,
	// KI support section (templatefuncs_support.go).
	"supportArgs":  supportArgs,
	"supportRetry": supportRetry,
	"declinable":   declinable,
	// The comparison after a version conflict (conflict.go).
	"conflictArgs": conflictArgs,
	// The confirmation after a save (saved_notice.go).
	"savedIn": savedIn,
	// The relevance decision on the implementation page (handler_relevance.go).
	"relevanceArgs":      relevanceArgs,
	"relevanceDecisions": relevanceDecisions,
	// The draft form of a committee report (handler_report_form.go).
	"reportInput":   reportInput,
	"narrativeName": narrativeName,
	// Offers (templatefuncs_offer.go).
	"offerBadges":      offerBadges,
	"translationInput": translationInput,
	"rtl":              domain.RightToLeft,
}

// berlin is the time zone the users live in; UTC if the zone database is missing.
var berlin = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return loc
	}
	return time.UTC
}()

// scopeLabelFor names who carries out a measure, in the page's language.
func scopeLabelFor(v view, s domain.Scope) string {
	switch s {
	case domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal:
		return v.T("scope." + string(s))
	}
	return string(s)
}

// knownColours are the colour names a plan may map states to; app.css styles
// each one. Anything else falls back to grey.
var knownColours = map[string]bool{"grey": true, "blue": true, "yellow": true, "orange": true, "green": true, "red": true}

// colourOf looks up the plan's colour for a state. States without a colour
// (open, not relevant, …) are grey; the text label always carries the meaning.
func colourOf(colours map[string]string, state string) string {
	if c := colours[state]; knownColours[c] {
		return c
	}
	return "grey"
}

type stateView struct {
	Colour string
	Label  string
}

// stateOf is the state of an implementation (or a town's, TownState) as a coloured, labelled marker in the
// page's language.
func stateOf(v view, i interface{ State() string }, colours map[string]string) stateView {
	return stateView{Colour: colourOf(colours, i.State()), Label: v.T("state." + i.State())}
}

type tallyView struct {
	Tally   domain.Tally
	Colours map[string]string
	Entries []tallyEntry
}

type tallyEntry struct {
	Colour, Label string
	Count         int
}

// tallyArgs prepares a tally for the "tally" template: labels in the page's
// language, colours from the plan.
func tallyArgs(v view, t domain.Tally, colours map[string]string) tallyView {
	tv := tallyView{Tally: t, Colours: colours}
	for _, e := range t.Entries() {
		if e.Count > 0 {
			tv.Entries = append(tv.Entries, tallyEntry{Colour: colourOf(colours, e.State), Label: v.T("state." + e.State), Count: e.Count})
		}
	}
	return tv
}

type barSegment struct {
	X, Width int
	Colour   string
}

// barSegments lays the counts of a tally side by side for the SVG bar.
func barSegments(t domain.Tally, colours map[string]string) []barSegment {
	var segs []barSegment
	x := 0
	for _, e := range t.Entries() {
		if e.Count == 0 {
			continue
		}
		segs = append(segs, barSegment{X: x, Width: e.Count, Colour: colourOf(colours, e.State)})
		x += e.Count
	}
	return segs
}

// postponedLine says that and why an implementation's due date moved later,
// for every reader: "ursprünglich fällig … · verschoben am … (Grund)"; ""
// while it never moved.
func postponedLine(v view, i domain.Implementation) string {
	if i.Postponements == 0 || i.OriginalDueOn == nil || i.LastPostponedOn == nil {
		return ""
	}
	if i.PostponementReason == "" { // moves recorded before reasons were asked for
		return v.T("implementation.postponed.lineNoReason", "Original", v.Date(*i.OriginalDueOn), "On", v.Date(*i.LastPostponedOn))
	}
	return v.T("implementation.postponed.line", "Original", v.Date(*i.OriginalDueOn), "On", v.Date(*i.LastPostponedOn),
		"Reason", i.PostponementReason)
}

// signed writes a change with its sign: +2, −1 (a real minus sign), ±0;
// the monitoring and the report comparison use it.
func signed(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n < 0:
		return fmt.Sprintf("−%d", -n)
	}
	return "±0"
}
