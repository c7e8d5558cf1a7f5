package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// ItemParams names one implementation. Parameter structs are exported:
// huma skips unexported embedded structs.
type ItemParams struct {
	Plan string `path:"plan" doc:"Kennung des Plans"`
	Org  string `path:"org" doc:"Kennung der Kommune"`
	ID   int64  `path:"id" minimum:"1" doc:"Nummer der Umsetzung"`
}

type itemOutput struct {
	ETag string `header:"ETag" doc:"Version der Umsetzung; bei PATCH als If-Match mitsenden"`
	Body Implementation
}

func (a *API) registerImplementationItem() {
	const item = "/plans/{plan}/municipalities/{org}/implementations/{id}"
	register(a, huma.Operation{OperationID: "get-implementation", Method: http.MethodGet, Path: item,
		Tags: []string{"Umsetzungen"}, Summary: "Eine Umsetzung mit Sachstandsmeldungen und Meilensteinen"},
		need("implementation", "read", InMunicipality), a.getImplementation)
	register(a, huma.Operation{OperationID: "update-implementation", Method: http.MethodPatch, Path: item,
		Tags: []string{"Umsetzungen"}, Summary: "Eine Umsetzung ändern (If-Match erforderlich)",
		Errors: []int{http.StatusPreconditionFailed, http.StatusPreconditionRequired}},
		need("implementation", "edit", InMunicipality), a.updateImplementation)
	register(a, huma.Operation{OperationID: "add-progress-report", Method: http.MethodPost, Path: item + "/progress-reports",
		Tags: []string{"Umsetzungen"}, Summary: "Eine Sachstandsmeldung hinzufügen", DefaultStatus: http.StatusCreated},
		need("implementation", "edit", InMunicipality), a.addProgressReport)
}

// key is the implementation the address names, within the resolved scope.
func key(ctx context.Context, id int64) domain.ImplementationKey {
	sc := callerOf(ctx).Scope
	return domain.ImplementationKey{PlanID: sc.Plan.ID, OrgID: sc.Org.ID, ID: id}
}

func actor(ctx context.Context) domain.Actor {
	acc := callerOf(ctx).Account
	return domain.Actor{ID: acc.ID, Name: acc.Name}
}

func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// representation reads the implementation as the caller may see it.
func (a *API) representation(ctx context.Context, id int64) (Implementation, error) {
	d, r, err := a.deps.Implementations.Get(ctx, key(ctx, id), domain.RecordScope{})
	if err != nil {
		return Implementation{}, err
	}
	cl := callerOf(ctx)
	canContact := cl.Perms.Can(authz.Municipality(cl.Scope.County.Slug, cl.Scope.Org.Slug), "contact", "read")
	return implementationOf(d, r, canContact), nil
}

func (a *API) getImplementation(ctx context.Context, in *ItemParams) (*itemOutput, error) {
	impl, err := a.representation(ctx, in.ID)
	if err != nil {
		return nil, a.fail("implementation", err)
	}
	return &itemOutput{ETag: etag(impl.Version), Body: impl}, nil
}

type updateInput struct {
	ItemParams
	IfMatch string `header:"If-Match" doc:"Das ETag, auf dem die Änderung beruht (Pflicht)"`
	Body    ImplementationPatch
}

// updateImplementation changes the fields sent, through the same use case
// as the edit form, provided nobody saved since the version named by If-Match.
func (a *API) updateImplementation(ctx context.Context, in *updateInput) (*itemOutput, error) {
	if strings.TrimSpace(in.IfMatch) == "" {
		return nil, problemOf(http.StatusPreconditionRequired, "precondition_required", msg.ifMatch)
	}
	version, ok := parseETag(in.IfMatch)
	upd, err := in.Body.update()
	if err != nil {
		return nil, a.fail("implementation", err)
	}
	if ok {
		_, err = a.deps.Implementations.Update(ctx, actor(ctx), key(ctx, in.ID), version, upd)
	}
	if !ok || errors.Is(err, domain.ErrStaleVersion) {
		return nil, a.stale(ctx, in.ID)
	}
	if err != nil {
		return nil, a.fail("implementation", err)
	}
	return a.getImplementation(ctx, &in.ItemParams)
}

// parseETag reads an If-Match naming one version ("3"); anything else
// (several tags, "*", a weak tag) cannot match and is answered as stale.
func parseETag(h string) (int, bool) {
	h = strings.TrimSpace(h)
	if len(h) < 3 || h[0] != '"' || h[len(h)-1] != '"' {
		return 0, false
	}
	v, err := strconv.Atoi(h[1 : len(h)-1])
	return v, err == nil && v > 0
}

// stale answers 412 with what is stored now, so the client can merge.
func (a *API) stale(ctx context.Context, id int64) error {
	cur, err := a.representation(ctx, id)
	if err != nil {
		return a.fail("implementation", err)
	}
	p := problemOf(http.StatusPreconditionFailed, "precondition_failed", msg.stale)
	p.Current = cur
	return p
}

type reportInput struct {
	ItemParams
	Body ReportBody
}

// ReportBody is a new progress report.
type ReportBody struct {
	ReportedOn string `json:"reported_on" format:"date" doc:"Der Tag, den die Meldung beschreibt (nicht in der Zukunft)"`
	Body       string `json:"body" doc:"Der Sachstand"`
}

type reportOutput struct {
	Body ProgressReport
}

func (a *API) addProgressReport(ctx context.Context, in *reportInput) (*reportOutput, error) {
	on, err := parseDate(in.Body.ReportedOn, domain.FieldReportedOn)
	if err != nil {
		return nil, a.fail("progress-report", err)
	}
	rep, err := a.deps.Implementations.AddProgressReport(ctx, actor(ctx), key(ctx, in.ID),
		domain.NewProgressReport{ReportedOn: *on, Body: in.Body.Body})
	if err != nil {
		return nil, a.fail("progress-report", err)
	}
	return &reportOutput{Body: reportOf(rep, callerOf(ctx).Account.Name)}, nil
}
