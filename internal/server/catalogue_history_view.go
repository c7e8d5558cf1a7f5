package server

import (
	"fmt"

	"github.com/planwerk/planwerk/internal/domain"
)

// changeOrder is the order in which a history line names an event's changes.
var changeOrder = []string{"code", "title", "description", "scope", "action_field_id", "goal_id", "position", "retired", "implementations"}

// catalogueChanges says what one event of the catalogue history changed,
// one sentence per field in the page's language, values translated (a
// measure's kind as "kommunal", never the stored "municipal"). A new item
// names what it was created with, not a change from nothing.
func catalogueChanges(v view, e domain.CatalogueEvent) []string {
	var lines []string
	seen := map[string]bool{}
	add := func(field string) {
		c, ok := e.Changes[field]
		if !ok || seen[field] {
			return
		}
		seen[field] = true
		if line := changeText(v, e.Action, field, c); line != "" {
			lines = append(lines, line)
		}
	}
	for _, f := range changeOrder {
		add(f)
	}
	for f := range e.Changes { // a field added later: said generically, never dropped
		add(f)
	}
	return lines
}

// changeText says one field's change; texts are cut short.
func changeText(v view, action, field string, c domain.Change) string {
	created := action == "create"
	switch field {
	case "retired":
		if c.New == true {
			return v.T("catalogue.change.retired")
		}
		return v.T("catalogue.change.restored")
	case "implementations":
		n, _ := c.New.(float64) // JSON numbers
		if n < 0 {
			return v.N("catalogue.change.implementationsRemoved", int(-n))
		}
		return v.N("catalogue.change.implementationsAdded", int(n))
	case "scope":
		if created {
			return v.T("catalogue.change.scopeIs." + fmt.Sprint(c.New))
		}
		return v.T("catalogue.change.scope", "Old", v.T("catalogue.change.scopeName."+fmt.Sprint(c.Old)),
			"New", v.T("catalogue.change.scopeName."+fmt.Sprint(c.New)))
	case "action_field_id", "goal_id":
		if created {
			return "" // the code names where a new item stands
		}
		return v.T("catalogue.change." + field)
	case "description":
		switch {
		case created && isBlank(c.New):
			return ""
		case isBlank(c.Old):
			return v.T("catalogue.change.descriptionAdded", "New", shortText(c.New))
		case isBlank(c.New):
			return v.T("catalogue.change.descriptionRemoved")
		}
	case "code", "title", "position":
	default:
		return v.T("catalogue.change.other", "Field", field)
	}
	if created {
		return v.T("catalogue.change.created."+field, "New", shortText(c.New))
	}
	return v.T("catalogue.change."+field, "Old", shortText(c.Old), "New", shortText(c.New))
}

func isBlank(x any) bool { return x == nil || fmt.Sprint(x) == "" }
