package server

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

var templateFuncs = template.FuncMap{
	"asset":            assetURL,
	"date":             germanDate,
	"percent":          func(n int) string { return strconv.Itoa(n) + " %" },
	"scopeLabel":       scopeLabel,
	"colour":           colourOf,
	"stateOf":          stateOf,
	"tallyArgs":        tallyArgs,
	"bar":              barSegments,
	"isoDate":          func(t time.Time) string { return t.Format(time.DateOnly) },
	"dateTime":         germanDateTime,
	"fieldLabel":       fieldLabel,
	"auditValue":       auditValue,
	"relevanceChoices": func() []domain.Relevance { return domain.Relevances },
	// KI support section (templatefuncs_support.go).
	"supportArgs":  supportArgs,
	"supportRetry": supportRetry,
	// The German-only helpers above (date, percent, dateTime, scopeLabel,
	// fieldLabel, auditValue) stay for templates not yet converted; these take
	// the page's view and speak its language.
	"scopeLabelFor": scopeLabelFor,
	"fieldLabelFor": fieldLabelFor,
	"auditValueFor": auditValueFor,
}

// germanDateTime formats an instant in German local time: 25.11.2026, 14:05 Uhr.
func germanDateTime(t time.Time) string {
	return t.In(berlin).Format("02.01.2006, 15:04") + " Uhr"
}

// berlin is the time zone the users live in; UTC if the zone database is missing.
var berlin = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return loc
	}
	return time.UTC
}()

// fieldLabels name the audited columns in German.
var fieldLabels = map[string]string{
	"relevance": "Relevanz", "relevance_note": "Begründung", "status": "Status", "status_note": "Grund",
	"continuous": "Daueraufgabe", "progress": "Fortschritt", "responsible_org": "Verantwortlich",
	"contact": "Kontakt", "start_on": "Beginn", "due_on": "Fällig", "support": "Unterstützung",
	"support_request": "Anfrage an das KI", "support_response": "Antwort des KI",
}

func fieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// auditValue shows a logged value the way the pages show it elsewhere.
func auditValue(field string, v any) string {
	s := fmt.Sprint(v)
	if v == nil || s == "" {
		return "–"
	}
	switch field {
	case "relevance":
		return domain.Relevance(s).Label()
	case "status":
		return domain.Status(s).Label()
	case "support":
		return domain.Support(s).Label()
	case "progress":
		return s + " %"
	case "continuous":
		if s == "true" {
			return "ja"
		}
		return "nein"
	case "start_on", "due_on":
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return germanDate(t)
		}
	}
	return s
}

// fieldLabelFor names an audited column in the page's language.
func fieldLabelFor(v view, field string) string {
	if _, ok := fieldLabels[field]; ok {
		return v.T("field." + field)
	}
	return field
}

// auditValueFor shows a logged value the way the pages show it elsewhere, in
// the page's language.
func auditValueFor(v view, field string, val any) string {
	s := fmt.Sprint(val)
	if val == nil || s == "" {
		return "–"
	}
	switch field {
	case "relevance", "status":
		return v.T("state." + s)
	case "support":
		return v.T("support." + s)
	case "progress":
		if n, err := strconv.Atoi(s); err == nil {
			return v.Percent(n)
		}
	case "continuous":
		if s == "true" {
			return v.T("value.yes")
		}
		return v.T("value.no")
	case "start_on", "due_on":
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return v.Date(t)
		}
	}
	return s
}

// scopeLabelFor names who carries out a measure, in the page's language.
func scopeLabelFor(v view, s domain.Scope) string {
	switch s {
	case domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal:
		return v.T("scope." + string(s))
	}
	return string(s)
}

// germanDate formats a date the German way: 25.11.2026.
func germanDate(t time.Time) string { return t.Format("02.01.2006") }

func scopeLabel(s domain.Scope) string {
	switch s {
	case domain.ScopeCounty:
		return "Kreis (KI)"
	case domain.ScopeMunicipal:
		return "Kommunen"
	case domain.ScopeLocal:
		return "lokale Maßnahme"
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

// stateOf is an implementation's state as a coloured, labelled marker in the
// page's language.
func stateOf(v view, i domain.Implementation, colours map[string]string) stateView {
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
