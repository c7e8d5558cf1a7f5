package server

import "net/url"

// After a save the implementation's forms redirect (post/redirect/get) to
// the implementation page with ?gespeichert=<what>; the page shows a KERN
// success alert for it in the section the save concerns and moves the focus
// there (autofocus on the alert, which works without JavaScript). The
// parameter names a known confirmation only, so a crafted link can show no
// text of its own. The same parameter name (paramSaved) carries the bulk
// review's confirmation on the workspace.

// savedNotice is a confirmation: its message id, and the id of the page
// section it belongs to ("" for the top of the page).
type savedNotice struct {
	Message string
	Section string
}

// savedNotices are the confirmations the implementation page knows, by the
// value of ?gespeichert=.
var savedNotices = map[string]savedNotice{
	"sachstand":             {Message: "sachstand.saved.report"},
	"bearbeitet":            {Message: "sachstand.saved.edit"},
	"relevanz":              {Message: "sachstand.saved.relevance", Section: "relevanz"},
	"meilenstein":           {Message: "sachstand.saved.milestoneAdded", Section: "meilensteine"},
	"meilenstein-erledigt":  {Message: "sachstand.saved.milestoneDone", Section: "meilensteine"},
	"meilenstein-offen":     {Message: "sachstand.saved.milestoneOpen", Section: "meilensteine"},
	"meilenstein-geloescht": {Message: "sachstand.saved.milestoneDeleted", Section: "meilensteine"},
	"kommentar":             {Message: "sachstand.saved.comment", Section: "kommentare"},
	"unterstuetzung":        {Message: "sachstand.saved.support", Section: "unterstuetzung"},
}

// savedAt is the address of page after a save of kind what: the
// confirmation's parameter and, for a confirmation within a section, that
// section as the fragment, so the browser shows it where the user was.
func savedAt(page, what string) string {
	n, ok := savedNotices[what]
	if !ok {
		panic("unknown confirmation " + what) // a programming error: every kind is in savedNotices
	}
	u := page + "?" + url.Values{paramSaved: {what}}.Encode()
	if n.Section != "" {
		u += "#" + n.Section
	}
	return u
}

// savedView is what partials/saved.html shows: the confirmation's message
// id, empty when there is none for this place.
type savedView struct {
	V       view
	Message string
}

// savedIn is the confirmation the page's address asks for when it belongs
// to section: {{template "saved-notice" (savedIn $ "meilensteine")}}.
func savedIn(v view, section string) savedView {
	u, err := url.Parse(v.Path)
	if err != nil {
		return savedView{V: v}
	}
	n, ok := savedNotices[u.Query().Get(paramSaved)]
	if !ok || n.Section != section {
		return savedView{V: v}
	}
	return savedView{V: v, Message: n.Message}
}
