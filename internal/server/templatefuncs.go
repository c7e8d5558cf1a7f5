package server

import (
	"html/template"
	"strconv"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

var templateFuncs = template.FuncMap{
	"asset":      assetURL,
	"date":       germanDate,
	"percent":    func(n int) string { return strconv.Itoa(n) + " %" },
	"scopeLabel": scopeLabel,
	"colour":     colourOf,
	"stateOf":    stateOf,
	"tallyArgs":  func(t domain.Tally, colours map[string]string) tallyView { return tallyView{t, colours} },
	"bar":        barSegments,
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

func stateOf(i domain.Implementation, colours map[string]string) stateView {
	return stateView{Colour: colourOf(colours, i.State()), Label: i.StateLabel()}
}

type tallyView struct {
	Tally   domain.Tally
	Colours map[string]string
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
