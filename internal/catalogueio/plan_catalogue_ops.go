package catalogueio

import "github.com/planwerk/planwerk/internal/domain"

// catalogueOps orders the writes of the accepted rows: creations, updates
// and takings back from the top level down (a parent exists before its
// children), then retirements from the bottom up, then the missing items'
// when asked for.
func catalogueOps(cands []*candidate, ex Existing, missing []domain.ImportMissing, retireMissing bool) []domain.CatalogueOp {
	var ops []domain.CatalogueOp
	for _, l := range levels {
		for _, c := range cands {
			if c.item.Level != l || (c.out.Action != domain.ImportCreate && c.out.Action != domain.ImportUpdate) {
				continue
			}
			old := ex.items[itemKey{l, c.item.Code}]
			create := c.out.Action == domain.ImportCreate
			if create || old.Title != c.item.Title || old.Description != c.item.Description || old.parent != c.parent {
				ops = append(ops, domain.CatalogueOp{Row: c.row, Item: c.item, Parent: c.parent, Create: create})
			}
			if !create && old.Retired() && !c.retired {
				ops = append(ops, domain.CatalogueOp{Row: c.row, Item: c.item, Parent: c.parent, Retire: ptr(false)})
			}
		}
	}
	for i := len(levels) - 1; i >= 0; i-- {
		for _, c := range cands {
			if c.item.Level != levels[i] || !c.retired || c.out.Action == domain.ImportRefuse ||
				c.out.Action == domain.ImportUnchanged {
				continue
			}
			if old, ok := ex.items[itemKey{levels[i], c.item.Code}]; !ok || !old.Retired() {
				ops = append(ops, domain.CatalogueOp{Row: c.row, Item: c.item, Parent: c.parent, Retire: ptr(true)})
			}
		}
	}
	if retireMissing {
		for i := len(missing) - 1; i >= 0; i-- {
			m := missing[i]
			e := ex.items[itemKey{m.Level, m.Code}]
			ops = append(ops, domain.CatalogueOp{Item: domain.CatalogueItem{Level: m.Level, ID: e.ID, Code: m.Code}, Retire: ptr(true)})
		}
	}
	return ops
}

func ptr[T any](v T) *T { return &v }
