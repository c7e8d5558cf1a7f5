package server

import (
	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	localsvc "github.com/planwerk/planwerk/internal/service/localmeasure"
	membersvc "github.com/planwerk/planwerk/internal/service/membership"
	needsvc "github.com/planwerk/planwerk/internal/service/need"
	plansvc "github.com/planwerk/planwerk/internal/service/plan"
)

// services are the use cases the handlers call: each owns its rules,
// transaction and audit event, on the store the server was given.
type services struct {
	needs         *needsvc.Service
	localMeasures *localsvc.Service
	memberships   *membersvc.Service
	planReads     *plansvc.Service
}

func newServices(store Store) services {
	return services{
		needs:         needsvc.New(store),
		localMeasures: localsvc.New(store),
		memberships:   membersvc.New(store),
		planReads:     plansvc.New(store),
	}
}

// actorOf is the signed-in user a use case acts for; the zero Actor on a
// route without one (none of them writes).
func actorOf(c *gin.Context) domain.Actor {
	acc, _ := account(c)
	return domain.Actor{ID: acc.ID, Name: acc.Name}
}
