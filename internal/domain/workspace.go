package domain

import "time"

// WorkspaceEntry is a workspace item with the milestones still to be reached,
// so that the workspace can name overdue milestones without a query per row.
type WorkspaceEntry struct {
	WorkspaceItem
	// OpenMilestoneTitles and OpenMilestoneDues list the milestones that are
	// not done and have a due date, earliest first, pairwise.
	OpenMilestoneTitles []string    `db:"open_milestone_titles"`
	OpenMilestoneDues   []time.Time `db:"open_milestone_dues"`
}

// MilestoneDue is a milestone still to be reached by a date.
type MilestoneDue struct {
	Title string
	DueOn time.Time
}

// OverdueMilestones lists the milestones whose due date has passed while the
// implementation is still open, earliest first. Milestones of finished,
// cancelled or no longer relevant implementations are no one's task.
func (e WorkspaceEntry) OverdueMilestones(today time.Time) []MilestoneDue {
	if !e.IsOpen() {
		return nil
	}
	var out []MilestoneDue
	for i, due := range e.OpenMilestoneDues {
		if i < len(e.OpenMilestoneTitles) && due.Before(dateOf(today)) {
			out = append(out, MilestoneDue{Title: e.OpenMilestoneTitles[i], DueOn: due})
		}
	}
	return out
}

// NextMilestone is the earliest milestone still to be reached, if any.
func (e WorkspaceEntry) NextMilestone() (MilestoneDue, bool) {
	if len(e.OpenMilestoneDues) == 0 || len(e.OpenMilestoneTitles) == 0 {
		return MilestoneDue{}, false
	}
	return MilestoneDue{Title: e.OpenMilestoneTitles[0], DueOn: e.OpenMilestoneDues[0]}, true
}
