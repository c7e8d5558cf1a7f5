package domain

import "errors"

// Text limits of a measure, in characters (runes); the database checks the same.
const (
	MaxMeasureTitleLen       = 500
	MaxMeasureDescriptionLen = 10000
)

// NewLocalMeasure is a measure a municipality adds for itself under a goal of
// the current plan.
type NewLocalMeasure struct {
	GoalID      int64
	Title       string
	Description string
}

// Check trims a local measure's texts and checks them: a goal and a title
// are required, the texts have a length limit. All refused fields are
// reported together (errors.Join). Whether the goal belongs to the plan only
// the store can tell.
func (m NewLocalMeasure) Check() (NewLocalMeasure, error) {
	var goalErr error
	if m.GoalID <= 0 {
		goalErr = Keyed(CodeInvalid, "goal_id", "localMeasure.err.goal", "no goal chosen")
	}
	title, titleErr := requireText("title", m.Title, MaxMeasureTitleLen, "localMeasure.err.titleMissing",
		"local measure title missing")
	description, descErr := cleanText("description", m.Description, MaxMeasureDescriptionLen)
	m.Title, m.Description = title, description
	return m, errors.Join(goalErr, titleErr, descErr)
}
