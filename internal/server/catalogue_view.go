package server

import (
	"fmt"

	"github.com/planwerk/planwerk/internal/domain"
)

// catalogueNode is an entry of the editor with what its buttons need: its
// address segment and anchor, and whether it can move up or down.
type catalogueNode struct {
	domain.CatalogueEntry
	Segment     string
	Anchor      string
	First, Last bool
	Kids        []catalogueNode
}

// catalogueNodes wraps entries (siblings in their order) and their children.
func catalogueNodes(entries []domain.CatalogueEntry) []catalogueNode {
	nodes := make([]catalogueNode, len(entries))
	for i, e := range entries {
		nodes[i] = catalogueNode{CatalogueEntry: e, Segment: segmentOfLevel[e.Level], Anchor: catalogueAnchor(e.Level, e.ID),
			First: i == 0, Last: i == len(entries)-1, Kids: catalogueNodes(e.Children)}
	}
	return nodes
}

// catalogueActionArgs is what the "catalogue-actions" template gets.
type catalogueActionArgs struct {
	V view
	N catalogueNode
}

func init() {
	templateFuncs["catalogueActions"] = func(v view, n catalogueNode) catalogueActionArgs {
		return catalogueActionArgs{V: v, N: n}
	}
}

// catalogueFieldError is what the "field-error" template of the item form gets.
type catalogueFieldError struct {
	Errors map[string]string
	Name   string
}

// shortText shows a value of the audit log in at most 120 characters.
func shortText(x any) string {
	if x == nil {
		return "–"
	}
	s := []rune(fmt.Sprint(x))
	if len(s) > 120 {
		return string(s[:119]) + "…"
	}
	return string(s)
}

func init() {
	templateFuncs["catalogueFieldErr"] = func(errs map[string]string, name string) catalogueFieldError {
		return catalogueFieldError{Errors: errs, Name: name}
	}
	templateFuncs["scopeChoices"] = func() []domain.Scope { return []domain.Scope{domain.ScopeMunicipal, domain.ScopeCounty} }
	templateFuncs["catalogueChanges"] = catalogueChanges
}

// importMessage explains a refused row: the column and what is wrong.
func importMessage(v view, r domain.ImportRow) string {
	msg := v.T(r.Key, r.Args...)
	if r.Column == "" {
		return msg
	}
	return v.T("import.atColumn", "Column", r.Column, "Message", msg)
}

func init() { templateFuncs["importMessage"] = importMessage }
