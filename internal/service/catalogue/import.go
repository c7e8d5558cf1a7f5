package catalogue

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
)

// ImportStore is what imports read and write; *postgres.DB implements it.
type ImportStore interface {
	SaveImportUpload(ctx context.Context, u domain.ImportUpload) error
	FindImportUpload(ctx context.Context, token string, userID, planID, orgID int64, kind string) (domain.ImportUpload, error)
	CatalogueRevision(ctx context.Context, planID int64) (int64, error)
	FindLocalMeasureCodes(ctx context.Context, planID int64) ([]string, error)
	FindStateTargets(ctx context.Context, planID, orgID int64) ([]domain.StateTarget, error)
	ApplyCatalogueImport(ctx context.Context, planID int64, actorID *int64, revision int64, token string, ops []domain.CatalogueOp) error
	ApplyStateImport(ctx context.Context, planID, orgID int64, actorID *int64, token string, ops []domain.StateOp, now time.Time) error
}

// ImportRequest names an import: which file kind, into which plan and
// organisation (the county office for the catalogue, a town for states).
type ImportRequest struct {
	Plan domain.Plan
	Org  domain.Organisation
	Kind catalogueio.Kind
	// RetireMissing retires the plan's items the file does not name (catalogue only).
	RetireMissing bool
}

// Upload is a dry run's answer: the plan of what would happen and the token
// that confirms it.
type Upload struct {
	domain.ImportPlan
	Token    string
	Filename string
}

// DryRun keeps the file and reports, row by row, what importing it would
// do. Nothing in the plan is written.
func (s *Service) DryRun(ctx context.Context, actor domain.Actor, req ImportRequest, filename string, data []byte,
	enc catalogueio.Encoding) (Upload, error) {
	if err := checkRequest(req); err != nil {
		return Upload{}, err
	}
	p, err := s.plan(ctx, req, data, enc)
	if err != nil {
		return Upload{}, err
	}
	token, err := newToken()
	if err != nil {
		return Upload{}, err
	}
	sum := sha256.Sum256(data)
	u := domain.ImportUpload{Token: token, UserID: actor.ID, PlanID: req.Plan.ID, OrganisationID: req.Org.ID,
		Kind: string(req.Kind), Encoding: string(enc), Filename: filename, Content: data, SHA256: sum[:]}
	if err := s.imports.SaveImportUpload(ctx, u); err != nil {
		return Upload{}, err
	}
	return Upload{ImportPlan: p, Token: token, Filename: filename}, nil
}

// Apply imports the kept file token names, all or nothing, provided the
// file still does what its dry run showed (digest): otherwise it returns
// the new plan with a conflict, and the user checks again. A file with a
// refused row is never applied.
func (s *Service) Apply(ctx context.Context, actor domain.Actor, req ImportRequest, token, digest string) (Upload, error) {
	if err := checkRequest(req); err != nil {
		return Upload{}, err
	}
	u, err := s.imports.FindImportUpload(ctx, token, actor.ID, req.Plan.ID, req.Org.ID, string(req.Kind))
	if err != nil {
		return Upload{}, domain.Keyed(domain.CodeNotFound, "", "import.err.expired", "no such upload")
	}
	shown := req
	shown.RetireMissing = false
	p, err := s.plan(ctx, shown, u.Content, catalogueio.Encoding(u.Encoding))
	if err == nil && p.Digest != digest {
		err = domain.Keyed(domain.CodeConflict, "", "import.err.changed", "data changed since the dry run")
	}
	if err == nil && req.RetireMissing {
		p, err = s.plan(ctx, req, u.Content, catalogueio.Encoding(u.Encoding))
	}
	out := Upload{ImportPlan: p, Token: token, Filename: u.Filename}
	if err == nil && p.Refused > 0 {
		err = domain.Keyed(domain.CodeInvalid, "", "import.err.refusedRows", "rows refused", "Count", p.Refused)
	}
	if err != nil {
		return out, err
	}
	if req.Kind == catalogueio.KindCatalogue {
		err = s.imports.ApplyCatalogueImport(ctx, req.Plan.ID, actor.UserID(), p.Revision, token, p.Catalogue)
	} else {
		err = s.imports.ApplyStateImport(ctx, req.Plan.ID, req.Org.ID, actor.UserID(), token, p.States, s.now())
	}
	return out, err
}

// plan reads the file and compares it with the plan as stored now.
func (s *Service) plan(ctx context.Context, req ImportRequest, data []byte, enc catalogueio.Encoding) (domain.ImportPlan, error) {
	t, err := catalogueio.Read(data, req.Kind, enc)
	if err != nil {
		return domain.ImportPlan{}, err
	}
	var p domain.ImportPlan
	if req.Kind == catalogueio.KindCatalogue {
		p, err = s.planCatalogue(ctx, req, t)
	} else {
		p, err = s.planStates(ctx, req, t)
	}
	p.Digest = digestOf(p)
	return p, err
}

func (s *Service) planCatalogue(ctx context.Context, req ImportRequest, t catalogueio.Table) (domain.ImportPlan, error) {
	rev, err := s.imports.CatalogueRevision(ctx, req.Plan.ID)
	if err != nil {
		return domain.ImportPlan{}, err
	}
	tree, err := s.store.FindCatalogueTree(ctx, req.Plan.ID)
	if err != nil {
		return domain.ImportPlan{}, err
	}
	local, err := s.imports.FindLocalMeasureCodes(ctx, req.Plan.ID)
	if err != nil {
		return domain.ImportPlan{}, err
	}
	p := catalogueio.PlanCatalogue(t, catalogueio.ExistingOf(tree, local), req.RetireMissing)
	p.Revision = rev
	return p, nil
}

func (s *Service) planStates(ctx context.Context, req ImportRequest, t catalogueio.Table) (domain.ImportPlan, error) {
	list, err := s.imports.FindStateTargets(ctx, req.Plan.ID, req.Org.ID)
	if err != nil {
		return domain.ImportPlan{}, err
	}
	targets := make(map[string]catalogueio.Target, len(list))
	for _, t := range list {
		targets[t.MeasureCode] = catalogueio.Target{Implementation: t.Implementation, Retired: t.MeasureRetired}
	}
	return catalogueio.PlanStates(t, req.Org, targets, s.now()), nil
}

// digestOf fingerprints the writes a plan makes and what it lists.
func digestOf(p domain.ImportPlan) string {
	b, _ := json.Marshal(struct {
		Rev     int64
		Cat     []domain.CatalogueOp
		States  []domain.StateOp
		Missing []domain.ImportMissing
		Rows    []domain.ImportRow
	}{p.Revision, p.Catalogue, p.States, p.Missing, p.Rows})
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// checkRequest refuses a catalogue import anywhere but at the county office
// that owns the plan, and a states import anywhere but at one of its towns:
// whoever may import states of one town never reaches the catalogue.
func checkRequest(req ImportRequest) error {
	switch {
	case req.Kind == catalogueio.KindCatalogue && req.Org.ID == req.Plan.OwnerID:
	case req.Kind == catalogueio.KindStates && req.Org.Kind == domain.OrgMunicipality:
	default:
		return domain.Keyed(domain.CodeForbidden, "", "import.err.notHere", "import refused for this organisation")
	}
	return nil
}

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
