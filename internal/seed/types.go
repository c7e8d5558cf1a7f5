// Package seed holds the demo data of Planwerk: the integration concept of
// Kreis Coesfeld, its organisations and a generated history of how the towns
// implement it. It is pure data and computation, without I/O, so that the
// same figures can be loaded into a database, shown in tests or benchmarked.
package seed

import (
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Concept is an action plan with its catalogue of action fields, goals and
// measures.
type Concept struct {
	Slug, Title, Version string
	// OwnerSlug is the county office that adopted the plan; empty means
	// Kreis Coesfeld (CountySlug).
	OwnerSlug          string
	AdoptedOn          time.Time
	UpdateIntervalDays int
	// StatusColours maps a status to the traffic-light colour the council uses.
	StatusColours map[string]string
	Fields        []Field
}

// Field is an action field (Handlungsfeld).
type Field struct {
	Code, Title, Description string
	Goals                    []Goal
}

// Goal is a goal (Ziel) within an action field.
type Goal struct {
	Code, Title, Description string
	Measures                 []Measure
}

// Measure is a measure (Maßnahme); Scope says whether the county office
// carries it or every municipality reviews it.
type Measure struct {
	Code, Title, Description string
	Scope                    domain.Scope
}

// Organisation is the county office or a municipality.
type Organisation struct {
	Slug       string
	Name       string
	Kind       domain.OrgKind
	ParentSlug string // empty for the county office
	// FullName is the official name ("Stadt Dülmen") used in responsibilities.
	FullName string
	// MailDomain is where the organisation's role mailboxes live.
	MailDomain string
}

// Implementation is one organisation's handling of one measure, as it stands
// today, with the history that led there.
type Implementation struct {
	MeasureCode string
	OrgSlug     string

	Relevance     domain.Relevance
	RelevanceNote string
	Status        domain.Status // empty unless Relevance is relevant
	StatusNote    string
	Continuous    bool
	Progress      int

	ResponsibleOrg string
	Contact        string // a role mailbox, never a person's name
	StartOn        *time.Time
	DueOn          *time.Time
	// A due date moved later: the first one, the day of the move and why.
	OriginalDueOn      *time.Time
	Postponements      int
	LastPostponedOn    *time.Time
	PostponementReason string

	Support            domain.Support
	SupportRequest     string
	SupportResponse    string
	SupportRequestedAt *time.Time

	LastUpdateOn *time.Time // date of the newest entry in Updates
	CreatedAt    time.Time
	UpdatedAt    time.Time

	Updates    []Update // oldest first
	Milestones []Milestone
	Comments   []Comment
}

// Update is a progress update (Sachstandsmeldung) with the status and
// progress at the time it was written.
type Update struct {
	ReportedOn time.Time
	Body       string
	Status     domain.Status
	Progress   int
	CreatedAt  time.Time
}

// Milestone is a dated step of an implementation; DoneOn is set when done.
type Milestone struct {
	Title  string
	DueOn  *time.Time
	DoneOn *time.Time
}

// Comment is an internal remark between a town and the KI.
type Comment struct {
	Body      string
	CreatedAt time.Time
}
