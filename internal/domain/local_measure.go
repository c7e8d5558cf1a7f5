package domain

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
