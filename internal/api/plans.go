package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Plan is a plan as the API shows it.
type Plan struct {
	Slug               string  `json:"slug" doc:"Kennung des Plans in Adressen"`
	Title              string  `json:"title"`
	Version            string  `json:"version"`
	AdoptedOn          *string `json:"adopted_on,omitempty" format:"date"`
	UpdateIntervalDays int     `json:"update_interval_days"`
	County             County  `json:"county"`
	Catalogue          []Field `json:"catalogue,omitempty" doc:"Handlungsfelder mit Zielen und Maßnahmen (nur beim einzelnen Plan)"`
}

// County is the county office that adopted a plan.
type County struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Field is an action field (Handlungsfeld) of the catalogue.
type Field struct {
	Code        string `json:"code"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Goals       []Goal `json:"goals"`
}

// Goal (Ziel) groups measures within an action field.
type Goal struct {
	Code        string    `json:"code"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Measures    []Measure `json:"measures"`
}

// Measure (Maßnahme) is the unit every municipality reviews.
type Measure struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Scope       string `json:"scope" enum:"county,municipal,local"`
}

func planOf(p domain.Plan) Plan {
	out := Plan{Slug: p.Slug, Title: p.Title, Version: p.Version, UpdateIntervalDays: p.UpdateIntervalDays,
		County: County{Slug: p.OwnerSlug, Name: p.OwnerName}}
	if p.AdoptedOn != nil {
		d := p.AdoptedOn.Format(time.DateOnly)
		out.AdoptedOn = &d
	}
	return out
}

func catalogueOf(fields []domain.ActionField) []Field {
	out := make([]Field, 0, len(fields))
	for _, f := range fields {
		field := Field{Code: f.Code, Title: f.Title, Description: f.Description, Goals: make([]Goal, 0, len(f.Goals))}
		for _, g := range f.Goals {
			goal := Goal{Code: g.Code, Title: g.Title, Description: g.Description, Measures: make([]Measure, 0, len(g.Measures))}
			for _, m := range g.Measures {
				goal.Measures = append(goal.Measures, Measure{ID: m.ID, Code: m.Code, Title: m.Title,
					Description: m.Description, Scope: string(m.Scope)})
			}
			field.Goals = append(field.Goals, goal)
		}
		out = append(out, field)
	}
	return out
}

type plansOutput struct {
	Body struct {
		Items []Plan `json:"items"`
	}
}

type planInput struct {
	Plan string `path:"plan" doc:"Kennung des Plans"`
}

type planOutput struct {
	Body Plan
}

func (a *API) registerPlans() {
	register(a, huma.Operation{OperationID: "list-plans", Method: http.MethodGet, Path: "/plans",
		Summary: "Pläne, die der Zugang lesen darf", Tags: []string{"Pläne"}}, signedIn, a.listPlans)
	register(a, huma.Operation{OperationID: "get-plan", Method: http.MethodGet, Path: "/plans/{plan}",
		Summary: "Ein Plan mit seinem Katalog", Tags: []string{"Pläne"}}, need("plan", "read", InPlan), a.getPlan)
}

// listPlans lists the plans the caller may read, as the start page does.
func (a *API) listPlans(ctx context.Context, _ *struct{}) (*plansOutput, error) {
	all, err := a.deps.Store.FindPlans(ctx)
	if err != nil {
		return nil, a.fail("/plans", err)
	}
	perms := callerOf(ctx).Perms
	out := &plansOutput{}
	out.Body.Items = []Plan{}
	for _, p := range all {
		if perms.Can(authz.County(p.OwnerSlug), "plan", "read") {
			out.Body.Items = append(out.Body.Items, planOf(p))
		}
	}
	return out, nil
}

func (a *API) getPlan(ctx context.Context, _ *planInput) (*planOutput, error) {
	sc := callerOf(ctx).Scope
	fields, err := a.deps.Store.FindCatalogue(ctx, sc.Plan.ID)
	if err != nil {
		return nil, a.fail("/plans/{plan}", err)
	}
	out := &planOutput{Body: planOf(sc.Plan)}
	out.Body.Catalogue = catalogueOf(fields)
	return out, nil
}
