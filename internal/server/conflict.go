package server

// The treatment of a version conflict, shared by every form that saves with
// optimistic locking (implementations, needs): the store refuses a save from
// an older version with domain.ErrStaleVersion and returns what is stored now;
// the handler answers 409, keeps the user's input in the form with the version
// now current, and lists the fields where the two differ side by side
// (partials/conflict.html), so that nothing typed is lost.

// difference is one field where the user's input differs from what someone
// else saved meanwhile, both shown in the page's language.
type difference struct {
	Field, Label, Mine, Theirs string
}

// differences collects the fields where the user's input and the stored
// values differ; each value is shown through the function given with it.
type differences []difference

// add records field when mine and theirs differ.
func (d *differences) add(field, label, mine, theirs string, show func(string) string) {
	if mine != theirs {
		*d = append(*d, difference{Field: field, Label: label, Mine: show(mine), Theirs: show(theirs)})
	}
}

// conflictView is what partials/conflict.html shows: {{template
// "conflict-compare" (conflictArgs $ "konflikt" 2 .Differences)}}; ID names
// the section and Level is the rank of its heading on the page.
type conflictView struct {
	V           view
	ID          string
	Level       int
	Differences []difference
}

func conflictArgs(v view, id string, level int, diffs []difference) conflictView {
	return conflictView{V: v, ID: id, Level: level, Differences: diffs}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
