package server

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	catalogsvc "github.com/planwerk/planwerk/internal/service/catalogue"
	inboxsvc "github.com/planwerk/planwerk/internal/service/inbox"
	localsvc "github.com/planwerk/planwerk/internal/service/localmeasure"
	membersvc "github.com/planwerk/planwerk/internal/service/membership"
	monitorsvc "github.com/planwerk/planwerk/internal/service/monitoring"
	needsvc "github.com/planwerk/planwerk/internal/service/need"
	notifysvc "github.com/planwerk/planwerk/internal/service/notify"
	offersvc "github.com/planwerk/planwerk/internal/service/offer"
	plansvc "github.com/planwerk/planwerk/internal/service/plan"
	publicsvc "github.com/planwerk/planwerk/internal/service/publicplan"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
	roundsvc "github.com/planwerk/planwerk/internal/service/round"
	startsvc "github.com/planwerk/planwerk/internal/service/startpage"
	versionsvc "github.com/planwerk/planwerk/internal/service/version"
)

// Services are the use cases the pages call besides the implementations':
// each owns its rules, transaction and audit event. The caller builds them
// (cmd/planwerk), as it builds every other part the server is given.
type Services struct {
	Needs         *needsvc.Service
	LocalMeasures *localsvc.Service
	Memberships   *membersvc.Service
	Plans         *plansvc.Service
	Reports       *reportsvc.Service
	Monitoring    *monitorsvc.Service
	Rounds        *roundsvc.Service
	Inbox         *inboxsvc.Service
	StartPages    *startsvc.Service
	Notify        *notifysvc.Settings
	Catalogue     *catalogsvc.Service
	Offers        *offersvc.Service
	PublicPlans   *publicsvc.Service
	Versions      *versionsvc.Service
}

// ServiceStore is what the services of Services need from the database;
// *postgres.DB is one.
type ServiceStore interface {
	needsvc.Store
	localsvc.Store
	membersvc.Store
	plansvc.Store
	reportsvc.Store
	monitorsvc.Store
	roundsvc.Store
	inboxsvc.Store
	startsvc.Store
	notifysvc.SettingsStore
	catalogsvc.Store
	offersvc.Store
	publicsvc.Store
	versionsvc.Store
}

// NewServices builds the page services on one store; now is the clock
// (time.Now when nil) of those that judge by the day.
func NewServices(store ServiceStore, now func() time.Time) Services {
	return Services{
		Needs:         needsvc.New(store),
		LocalMeasures: localsvc.New(store),
		Memberships:   membersvc.New(store),
		Plans:         plansvc.New(store),
		Reports:       reportsvc.New(store, now),
		Monitoring:    monitorsvc.New(store),
		Rounds:        roundsvc.New(store, now),
		Inbox:         inboxsvc.New(store),
		StartPages:    startsvc.New(store),
		Notify:        notifysvc.NewSettings(store, now),
		Catalogue:     catalogsvc.New(store, now),
		Offers:        offersvc.New(store, now, offersvc.Settings{}),
		PublicPlans:   publicsvc.New(store),
		Versions:      versionsvc.New(store),
	}
}

// actorOf is the signed-in user a use case acts for; the zero Actor on a
// route without one (none of them writes).
func actorOf(c *gin.Context) domain.Actor {
	acc, _ := account(c)
	return domain.Actor{ID: acc.ID, Name: acc.Name}
}
