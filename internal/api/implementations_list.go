package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// Implementations are the use cases of a town's implementations;
// *implementation.Service satisfies it.
type Implementations interface {
	Get(ctx context.Context, key domain.ImplementationKey, scope domain.RecordScope) (
		domain.ImplementationDetail, domain.ImplementationRecords, error)
	Update(ctx context.Context, actor domain.Actor, key domain.ImplementationKey, expectedVersion int,
		upd domain.ImplementationUpdate) (domain.Implementation, error)
	AddProgressReport(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
		r domain.NewProgressReport) (domain.ProgressUpdate, error)
	List(ctx context.Context, plan domain.Plan, orgID int64, f domain.WorkspaceFilter) (domain.Workspace, error)
}

type TownParams struct {
	Plan string `path:"plan" doc:"Kennung des Plans"`
	Org  string `path:"org" doc:"Kennung der Kommune"`
}

// listInput carries the workspace's filters, and the page to return.
type listInput struct {
	TownParams
	Field         string    `query:"field" maxLength:"40" doc:"Code eines Handlungsfelds"`
	Goal          string    `query:"goal" maxLength:"40" doc:"Code eines Ziels"`
	Relevance     string    `query:"relevance" enum:"open,relevant,not_relevant,already_in_place"`
	Status        string    `query:"status" enum:"planned,in_progress,on_hold,completed,cancelled" doc:"Nur relevante Maßnahmen"`
	Support       string    `query:"support" enum:"none,requested,accepted,declined,done"`
	Overdue       bool      `query:"overdue" doc:"Fälligkeit oder ein Meilenstein überschritten"`
	Stale         bool      `query:"stale" doc:"Offen ohne Meldung im Meldeintervall des Plans"`
	Sort          string    `query:"sort" enum:"number,due,state,progress,last_update" default:"number"`
	ModifiedSince time.Time `query:"modified_since" doc:"Nur Umsetzungen, die danach geändert wurden (RFC 3339)"`
	Cursor        string    `query:"cursor" maxLength:"100" doc:"next_cursor der vorigen Seite"`
	Limit         int       `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type listOutput struct {
	Body struct {
		Items []ImplementationSummary `json:"items"`
		// NextCursor continues the list; absent on its last page.
		NextCursor string `json:"next_cursor,omitempty"`
	}
}

func (a *API) registerImplementationList() {
	register(a, huma.Operation{OperationID: "list-implementations", Method: http.MethodGet,
		Path: "/plans/{plan}/municipalities/{org}/implementations", Tags: []string{"Umsetzungen"},
		Summary: "Die Umsetzungen einer Kommune, gefiltert wie im Arbeitsbereich"},
		need("workspace", "read", InMunicipality), a.listImplementations)
}

// listImplementations pages through the workspace's selection. The cursor
// names the last implementation returned, so a page continues after it
// even when the list changed in between.
func (a *API) listImplementations(ctx context.Context, in *listInput) (*listOutput, error) {
	sc := callerOf(ctx).Scope
	f := domain.WorkspaceFilter{Field: in.Field, Goal: in.Goal, Relevance: domain.Relevance(in.Relevance),
		Status: domain.Status(in.Status), Support: domain.Support(in.Support), Overdue: in.Overdue, Stale: in.Stale,
		Sort: domain.WorkspaceSort(in.Sort)}
	after, ok := parseCursor(in.Cursor)
	if !ok {
		return nil, invalidCursor()
	}
	ws, err := a.deps.Implementations.List(ctx, sc.Plan, sc.Org.ID, f)
	if err != nil {
		return nil, a.fail("implementations", err)
	}
	shown := ws.Shown
	if after != 0 {
		i := indexOf(shown, after)
		if i < 0 {
			return nil, invalidCursor()
		}
		shown = shown[i+1:]
	}
	out := &listOutput{}
	out.Body.Items = []ImplementationSummary{}
	for _, e := range shown {
		if !in.ModifiedSince.IsZero() && !e.UpdatedAt.After(in.ModifiedSince) {
			continue
		}
		if len(out.Body.Items) == in.Limit {
			out.Body.NextCursor = cursorAfter(out.Body.Items[len(out.Body.Items)-1].ID)
			break
		}
		out.Body.Items = append(out.Body.Items, summaryOf(e.WorkspaceItem))
	}
	return out, nil
}

func indexOf(entries []domain.WorkspaceEntry, id int64) int {
	for i, e := range entries {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// cursorAfter is opaque to clients: they pass it back as it is.
func cursorAfter(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.FormatInt(id, 10)))
}

func parseCursor(c string) (int64, bool) {
	if c == "" {
		return 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < len("after:") || string(b[:6]) != "after:" {
		return 0, false
	}
	id, err := strconv.ParseInt(string(b[6:]), 10, 64)
	return id, err == nil && id > 0
}

func invalidCursor() *Problem {
	p := problemOf(http.StatusUnprocessableEntity, domain.CodeInvalid, msg.cursor)
	p.Errors = []FieldError{{Location: "query.cursor", Message: msg.cursorField}}
	return p
}
