package seed

import (
	"hash/fnv"

	"github.com/planwerk/planwerk/internal/domain"
)

// postponementReasons are why a town moved a due date later, as the demo
// towns write them.
var postponementReasons = []string{
	"Der Förderbescheid des Landes kam erst im Sommer; der Start verschiebt sich entsprechend.",
	"Die zuständige Stelle war ein halbes Jahr unbesetzt; die Nachfolgerin hat im Herbst begonnen.",
	"Der Kooperationspartner hat seinen Träger gewechselt; die Vereinbarung wird neu geschlossen.",
	"Die Räume im Familienzentrum stehen wegen der Sanierung erst später zur Verfügung.",
	"Der Rat hat die Mittel erst mit dem Nachtragshaushalt freigegeben.",
}

// postpone gives about one in eight running or planned implementations with a
// due date a history of moving it later, with a reason: the town's first
// date lies two to six months before the current one. It draws from a hash
// of measure and town, not from the generator, so the rest of the demo stays
// as it was.
func (g *generator) postpone(im *Implementation) {
	if im.DueOn == nil || im.StartOn == nil ||
		(im.Status != domain.StatusInProgress && im.Status != domain.StatusPlanned && im.Status != domain.StatusOnHold) {
		return
	}
	h := fnv.New32a()
	h.Write([]byte(im.MeasureCode + "/" + im.OrgSlug))
	n := h.Sum32()
	if n%8 != 0 {
		return
	}
	original := im.DueOn.AddDate(0, -int(2+n/8%5), 0)
	if !original.After(*im.StartOn) {
		return
	}
	// The town moved it two weeks before the old deadline, or last week if
	// that lies ahead; never before the plan was loaded.
	moved := original.AddDate(0, 0, -14)
	if week := g.today.AddDate(0, 0, -7); moved.After(week) {
		moved = week
	}
	if moved.Before(g.imported) {
		moved = dateOf(g.imported.AddDate(0, 0, 1))
	}
	im.OriginalDueOn, im.Postponements, im.LastPostponedOn = &original, 1, &moved
	im.PostponementReason = postponementReasons[int(n/16)%len(postponementReasons)]
}
