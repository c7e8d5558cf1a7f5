package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// roundBanner is the open reporting round as a town's workspace shows it:
// the deadline, what the town still has to confirm or update, the KI's
// latest reminder and the town's own completion – never another town's.
type roundBanner struct {
	domain.TownRound
	DaysLeft int
	ToUpdate []domain.WorkspaceEntry
}

// roundBannerOf reads the open round for the workspace of the scope's town
// (one statement), for those who take part in it: the town's coordinator
// and the KI. Anyone else sees no banner and costs no statement.
func (s *Server) roundBannerOf(c *gin.Context, items []domain.WorkspaceEntry) (*roundBanner, error) {
	sc := scopeOf(c)
	perms := permissions(c)
	if sc.Org.Kind != domain.OrgMunicipality || perms == nil ||
		!perms.Can(scopeDomain(sc), "round", "complete") && !perms.Can(authz.County(sc.County.Slug), "round", "manage") {
		return nil, nil
	}
	tr, ok, err := s.services.Rounds.ForTown(c.Request.Context(), sc)
	if err != nil || !ok {
		return nil, err
	}
	b := &roundBanner{TownRound: tr, DaysLeft: tr.Round.DaysLeft(domain.Today(s.opts.Now()))}
	opened := tr.Round.OpenedOn()
	for _, it := range items {
		if domain.NeedsRoundUpdate(it.Implementation, opened) {
			b.ToUpdate = append(b.ToUpdate, it)
		}
	}
	return b, nil
}

// completeRound marks the town's reporting in the open round complete.
func (s *Server) completeRound(c *gin.Context) {
	s.changeCompletion(c, true)
}

// revokeRoundCompletion takes the town's completion back while the round is open.
func (s *Server) revokeRoundCompletion(c *gin.Context) {
	s.changeCompletion(c, false)
}

func (s *Server) changeCompletion(c *gin.Context, complete bool) {
	sc := scopeOf(c)
	var err error
	if complete {
		err = s.services.Rounds.Complete(c.Request.Context(), actorOf(c), sc)
	} else {
		err = s.services.Rounds.Revoke(c.Request.Context(), actorOf(c), sc)
	}
	if err != nil {
		s.fail(c, err) // a closed round or none: the page says why
		return
	}
	c.Redirect(http.StatusSeeOther, townPath(sc.Plan.Slug, sc.Org.Slug)+"#berichtsrunde")
}
