package domain

// ImportAction is what an import does with one row of a file.
type ImportAction string

// The outcomes of a row.
const (
	ImportCreate    ImportAction = "create"
	ImportUpdate    ImportAction = "update"
	ImportUnchanged ImportAction = "unchanged"
	ImportRefuse    ImportAction = "refuse"
)

// ImportRow is one row's outcome in a dry run: its number in the file, what
// would happen, and for a refusal the column and the message (Key, Args in
// web/locales); Changes names the columns an update changes.
type ImportRow struct {
	Number  int
	Action  ImportAction
	Label   string // the row's code (and town) as the user knows it
	Column  string
	Key     string
	Args    []any
	Changes []string
}

// ImportMissing is an item of the plan that the file does not name: listed,
// and retired only when the user asks for it.
type ImportMissing struct {
	Level CatalogueLevel
	Code  string
	Title string
}

// CatalogueOp is one write of a catalogue import, in the order applied.
// Parent is the parent's code (an item created earlier in the same import
// has no id yet); Retire, when set, retires (true) or takes back (false).
type CatalogueOp struct {
	Row    int
	Item   CatalogueItem
	Parent string
	Create bool
	Retire *bool
}

// StateOp is one implementation a states import updates.
type StateOp struct {
	Row     int
	ImplID  int64
	Version int
	Update  ImplementationUpdate
}

// ImportPlan is a dry run's result: the rows, the plan's items missing from
// the file (catalogue only), the file's columns the import ignored, and the
// writes that applying it would make.
type ImportPlan struct {
	Rows      []ImportRow
	Missing   []ImportMissing
	Unknown   []string
	Catalogue []CatalogueOp
	States    []StateOp
	Refused   int
	Writes    int
	Revision  int64 // the catalogue's revision the plan was made on
	Digest    string
}

// Count returns how many rows end in action a.
func (p ImportPlan) Count(a ImportAction) int {
	n := 0
	for _, r := range p.Rows {
		if r.Action == a {
			n++
		}
	}
	return n
}

// ImportUpload is a file kept between an import's dry run and its
// confirmation, bound to who uploaded it for which plan and organisation.
type ImportUpload struct {
	Token          string `db:"token"`
	UserID         int64  `db:"user_id"`
	PlanID         int64  `db:"plan_id"`
	OrganisationID int64  `db:"organisation_id"`
	Kind           string `db:"kind"`
	Encoding       string `db:"encoding"`
	Filename       string `db:"filename"`
	Content        []byte `db:"content"`
	SHA256         []byte `db:"sha256"`
}

// StateTarget is an implementation of a town as a states import finds it
// by its measure's code.
type StateTarget struct {
	Implementation
	MeasureCode    string `db:"measure_code"`
	MeasureRetired bool   `db:"measure_retired"`
}
