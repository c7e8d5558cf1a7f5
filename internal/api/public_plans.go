package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/domain"
	publicsvc "github.com/planwerk/planwerk/internal/service/publicplan"
)

// PublicPlans is what the open data of the plans' public status reads;
// *publicplan.Service satisfies it.
type PublicPlans interface {
	Published(ctx context.Context) ([]domain.PublishedPlan, error)
	Find(ctx context.Context, slug string) (domain.PublishedPlan, error)
	Dataset(ctx context.Context, plan domain.Plan, page publicsvc.Page) (publicsvc.Dataset, error)
}

// OpenPlan is a plan whose status is public.
type OpenPlan struct {
	Slug         string        `json:"slug" doc:"Kennung des Plans in Adressen"`
	Title        string        `json:"title"`
	Version      string        `json:"version"`
	AdoptedOn    *string       `json:"adopted_on,omitempty" format:"date"`
	County       string        `json:"county" doc:"Der Kreis, der den Plan beschlossen hat"`
	State        string        `json:"state" enum:"adopted,superseded" doc:"superseded: eine neuere Fassung gilt"`
	SupersededBy *OpenPlanRef  `json:"superseded_by,omitempty" doc:"Die veröffentlichte Fassung, die diese ablöst"`
	PerTown      bool          `json:"per_town" doc:"Der Stand je Kommune ist veröffentlicht"`
	ModifiedAt   string        `json:"modified_at" format:"date-time" doc:"Letzte Änderung des Katalogs, eines Stands oder der Veröffentlichung"`
	Links        OpenPlanLinks `json:"links"`
}

// OpenPlanRef names another version of a plan.
type OpenPlanRef struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Version string `json:"version"`
}

// OpenPlanLinks are the addresses of a plan's public status, absolute paths.
type OpenPlanLinks struct {
	Page   string `json:"page" doc:"Die öffentliche Seite des Plans"`
	Status string `json:"status" doc:"Dieser Datensatz als JSON"`
	CSV    string `json:"csv"`
	DCAT   string `json:"dcat" doc:"Beschreibung nach DCAT-AP.de (JSON-LD)"`
}

// OpenPlans lists the plans whose status is public.
type OpenPlans struct {
	Licence string     `json:"licence"`
	Plans   []OpenPlan `json:"plans"`
}

// StateCounts counts implementations by state, with the relevance and status
// values of the implementations.
type StateCounts struct {
	Open           int `json:"open" doc:"Relevanz noch nicht entschieden"`
	Planned        int `json:"planned"`
	InProgress     int `json:"in_progress"`
	OnHold         int `json:"on_hold"`
	Completed      int `json:"completed"`
	Cancelled      int `json:"cancelled"`
	AlreadyInPlace int `json:"already_in_place"`
	NotRelevant    int `json:"not_relevant"`
}

// CodeTitle names an action field or goal.
type CodeTitle struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// OpenTownState is one town's state of a measure.
type OpenTownState struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	Relevance string `json:"relevance" enum:"open,relevant,not_relevant,already_in_place"`
	Status    string `json:"status,omitempty" enum:"planned,in_progress,on_hold,completed,cancelled" doc:"Nur bei relevanten Maßnahmen"`
}

// OpenMeasure is one measure's public state.
type OpenMeasure struct {
	ID         int64           `json:"id"`
	Code       string          `json:"code"`
	Title      string          `json:"title"`
	Field      CodeTitle       `json:"field" doc:"Handlungsfeld"`
	Goal       CodeTitle       `json:"goal"`
	Retired    bool            `json:"retired" doc:"Im Katalog entfallen"`
	Counts     StateCounts     `json:"counts" doc:"Umsetzungen je Stand über alle Kommunen (und den Kreis)"`
	ModifiedAt string          `json:"modified_at" format:"date-time" doc:"Letzte Änderung des Katalogeintrags oder des Stands einer Kommune"`
	Towns      []OpenTownState `json:"towns,omitempty" doc:"Stand je Kommune; nur wenn der Plan ihn veröffentlicht"`
}

// OpenPlanStatus is one page of a plan's public status.
type OpenPlanStatus struct {
	Licence    string        `json:"licence"`
	Plan       OpenPlan      `json:"plan"`
	Total      StateCounts   `json:"total" doc:"Alle Maßnahmen des Plans, unabhängig von Seite und modified_since"`
	Measures   []OpenMeasure `json:"measures"`
	NextCursor string        `json:"next_cursor,omitempty" doc:"Für die nächste Seite als cursor mitgeben; fehlt auf der letzten"`
}

type openPlansInput struct {
	IfNoneMatch string `header:"If-None-Match"`
}

type openPlanStatusInput struct {
	Plan          string `path:"plan" doc:"Kennung des Plans"`
	Cursor        string `query:"cursor" doc:"next_cursor der vorigen Seite"`
	ModifiedSince string `query:"modified_since" format:"date-time" doc:"nur Maßnahmen, deren Katalogeintrag oder Stand in einer Kommune sich seitdem geändert hat"`
	Limit         int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
	IfNoneMatch   string `header:"If-None-Match"`
}

func (a *API) registerOpenPlans() {
	register(a, huma.Operation{OperationID: "list-public-plans", Method: http.MethodGet, Path: "/public/plans",
		Summary: "Pläne mit öffentlichem Stand (offene Daten)", Tags: []string{"Offene Daten"},
		Description: "Die Pläne, deren Stand das KI veröffentlicht, mit den Adressen ihrer Datensätze; auch abgelöste " +
			"Fassungen, mit der Fassung, die sie ablöst. Ohne Zugang; ETag, Cache-Control, CORS für GET offen."},
		public, a.listPublicPlans)
	register(a, huma.Operation{OperationID: "get-public-plan-status", Method: http.MethodGet, Path: "/public/plans/{plan}/status",
		Summary: "Öffentlicher Stand eines Plans (offene Daten)", Tags: []string{"Offene Daten"},
		Description: "Je Maßnahme die Zahl der Umsetzungen je Stand und, wenn veröffentlicht, der Stand je Kommune. " +
			"Ohne Zugang; seitenweise nach cursor (Maßnahmen nach id); mit ETag (304 bei If-None-Match) und " +
			"Cache-Control; CORS für GET offen. Ein nicht veröffentlichter Plan ist nicht gefunden (404)."},
		public, a.getPublicPlanStatus)
}

func (a *API) listPublicPlans(ctx context.Context, in *openPlansInput) (*openOutput[OpenPlans], error) {
	plans, err := a.deps.PublicPlans.Published(ctx)
	if err != nil {
		return nil, a.fail("/public/plans", err)
	}
	body := &OpenPlans{Licence: a.licence(), Plans: make([]OpenPlan, 0, len(plans))}
	for _, p := range plans {
		body.Plans = append(body.Plans, openPlanOf(p))
	}
	return openAnswer(body, in.IfNoneMatch), nil
}

func (a *API) getPublicPlanStatus(ctx context.Context, in *openPlanStatusInput) (*openOutput[OpenPlanStatus], error) {
	after, since, err := parsePage(in.Cursor, in.ModifiedSince)
	if err != nil {
		return nil, err
	}
	pp, err := a.deps.PublicPlans.Find(ctx, in.Plan)
	if err != nil {
		return nil, a.fail("/public/plans/{plan}/status", err)
	}
	d, err := a.deps.PublicPlans.Dataset(ctx, pp.Plan, publicsvc.Page{After: after, Since: since, Limit: in.Limit})
	if err != nil {
		return nil, a.fail("/public/plans/{plan}/status", err)
	}
	body := &OpenPlanStatus{Licence: a.licence(), Plan: openPlanOf(pp), Total: countsOf(d.Total),
		Measures: make([]OpenMeasure, 0, len(d.Measures))}
	for _, m := range d.Measures {
		body.Measures = append(body.Measures, openMeasureOf(m))
	}
	if d.More {
		body.NextCursor = strconv.FormatInt(d.Measures[len(d.Measures)-1].Measure.ID, 10)
	}
	return openAnswer(body, in.IfNoneMatch), nil
}

// PlanDataPath is where a plan's open data lives on the pages' side.
func PlanDataPath(slug string) string { return "/offene-daten/plaene/" + slug }

func openPlanOf(p domain.PublishedPlan) OpenPlan {
	out := OpenPlan{Slug: p.Plan.Slug, Title: p.Plan.Title, Version: p.Plan.Version, AdoptedOn: date(p.Plan.AdoptedOn),
		County: p.Plan.OwnerName, State: string(p.Plan.State), PerTown: p.PerTown, ModifiedAt: instant(p.ModifiedAt),
		Links: OpenPlanLinks{Page: "/plaene/" + p.Plan.Slug + "/oeffentlich", Status: Base + "/public/plans/" + p.Plan.Slug + "/status",
			CSV: PlanDataPath(p.Plan.Slug) + "/stand.csv", DCAT: PlanDataPath(p.Plan.Slug) + "/stand.jsonld"}}
	if s := p.SupersededBy; s != nil {
		out.SupersededBy = &OpenPlanRef{Slug: s.Slug, Title: s.Title, Version: s.Version}
	}
	return out
}

func openMeasureOf(m publicsvc.MeasureStatus) OpenMeasure {
	out := OpenMeasure{ID: m.Measure.ID, Code: m.Measure.Code, Title: m.Measure.Title,
		Field: CodeTitle(m.Field), Goal: CodeTitle(m.Goal), Retired: m.Measure.RetiredAt != nil,
		Counts: countsOf(m.Tally), ModifiedAt: instant(m.ModifiedAt)}
	for _, t := range m.Towns {
		out.Towns = append(out.Towns, OpenTownState{Slug: t.Town.Slug, Name: t.Town.Name,
			Relevance: string(t.Relevance), Status: string(t.Status)})
	}
	return out
}

func countsOf(t domain.Tally) StateCounts {
	return StateCounts{Open: t.Open, Planned: t.Planned, InProgress: t.InProgress, OnHold: t.OnHold,
		Completed: t.Completed, Cancelled: t.Cancelled, AlreadyInPlace: t.AlreadyInPlace, NotRelevant: t.NotRelevant}
}
