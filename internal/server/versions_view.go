package server

import (
	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

func init() {
	// The kinds of mapping the form offers, in order.
	templateFuncs["mappingKinds"] = func() []domain.MappingKind { return domain.MappingKinds }
}

// VersionsLink is the address of the plan's Fortschreibung for those who
// manage it ("" for everyone else, and on a draft): on a superseded version
// it still shows the mapping and the change annex.
func (v view) VersionsLink() string {
	sc := v.Scope
	if v.Perms == nil || sc.Plan.ID == 0 || sc.Plan.State == domain.PlanDraft ||
		!v.Perms.Can(authz.County(sc.County.Slug), "version", "manage") {
		return ""
	}
	return versionsPath(sc.Plan.Slug)
}
