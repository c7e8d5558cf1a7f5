package domain

// Relevance is a municipality's decision whether a measure applies to it.
type Relevance string

const (
	RelevanceOpen           Relevance = "open"
	RelevanceRelevant       Relevance = "relevant"
	RelevanceNotRelevant    Relevance = "not_relevant"
	RelevanceAlreadyInPlace Relevance = "already_in_place"
)

// Relevances lists every relevance in display order.
var Relevances = []Relevance{RelevanceOpen, RelevanceRelevant, RelevanceNotRelevant, RelevanceAlreadyInPlace}

// Status is the implementation state of a relevant measure.
type Status string

const (
	StatusPlanned    Status = "planned"
	StatusInProgress Status = "in_progress"
	StatusCompleted  Status = "completed"
	StatusOnHold     Status = "on_hold"
	StatusCancelled  Status = "cancelled"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusPlanned, StatusInProgress, StatusOnHold, StatusCompleted, StatusCancelled}

// Support is the state of a municipality's request for help from the KI.
type Support string

const (
	SupportNone      Support = "none"
	SupportRequested Support = "requested"
	SupportAccepted  Support = "accepted"
	SupportDeclined  Support = "declined"
	SupportDone      Support = "done"
)

// Supports lists every support state in display order.
var Supports = []Support{SupportNone, SupportRequested, SupportAccepted, SupportDeclined, SupportDone}

// Scope says who carries a measure.
type Scope string

const (
	ScopeCounty    Scope = "county"    // carried by the KI itself; one implementation for the county office
	ScopeMunicipal Scope = "municipal" // every municipality reviews it
	ScopeLocal     Scope = "local"     // added by one municipality for itself
)

// OrgKind distinguishes the county office from the municipalities.
type OrgKind string

const (
	OrgCounty       OrgKind = "county"
	OrgMunicipality OrgKind = "municipality"
)
