package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Where says in which domain (see authz) an operation's permission is asked.
type Where int

const (
	// AnyMember: any token whose user holds a role; the operation shows
	// only what the user may see.
	AnyMember Where = iota
	// InPlan: the county of the plan named by {plan}.
	InPlan
	// InMunicipality: the organisation {org} within the plan {plan}.
	InMunicipality
)

// Permission is what an operation requires: the same (object, action) pairs
// as the page routes (policies/policy.csv).
type Permission struct {
	Object, Action string
	Where          Where
	// Public operations need no token (open data).
	Public bool
}

// public is the permission of operations anyone may call without a token.
var public = Permission{Public: true}

func need(object, action string, w Where) Permission {
	return Permission{Object: object, Action: action, Where: w}
}

// signedIn is the permission of operations any member may call.
var signedIn = Permission{Where: AnyMember}

// Operation is a registered operation with its permission; the
// authorization matrix test walks them all.
type Operation struct {
	Method, Path string // Path as in the OpenAPI document, relative to Base
	ID           string
	Permission   Permission
}

// Operations lists every operation the API serves.
func (a *API) Operations() []Operation { return a.ops }

const permissionKey = "planwerk-permission"

// caller is who a request is served as: the token's user with exactly
// that user's permissions, and the scope the address names.
type caller struct {
	Token   domain.APIToken
	Account domain.Account
	Perms   *authz.Permissions
	Scope   domain.PlanScope
}

type callerKey struct{}

func callerOf(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey{}).(caller)
	return c
}

// authorize runs before every operation: token, then the user's roles, then
// the scope the address names, then the policy. Something the user may not
// read is a 404 (its existence is not confirmed); something they may read
// but not change is a 403.
func (a *API) authorize(ctx huma.Context, next func(huma.Context)) {
	perm, ok := ctx.Operation().Metadata[permissionKey].(Permission)
	if !ok { // unreachable: New refuses such operations
		a.writeErr(ctx, problemOf(http.StatusNotFound, domain.CodeNotFound, msg.notFound))
		return
	}
	if perm.Public {
		next(ctx)
		return
	}
	cl, p := a.authenticate(ctx)
	if p != nil {
		a.writeErr(ctx, p)
		return
	}
	if perm.Where != AnyMember {
		if cl.Scope, p = a.scope(ctx, perm.Where); p != nil {
			a.writeErr(ctx, p)
			return
		}
		dom := authz.County(cl.Scope.County.Slug)
		if perm.Where == InMunicipality {
			dom = authz.Municipality(cl.Scope.County.Slug, cl.Scope.Org.Slug)
		}
		switch {
		case cl.Perms.Can(dom, perm.Object, perm.Action):
			if err := a.planStateRefuses(ctx, cl, perm); err != nil {
				a.writeErr(ctx, a.fail(ctx.URL().Path, err))
				return
			}
		case perm.Action != "read" && cl.Perms.Can(dom, perm.Object, "read"):
			a.writeErr(ctx, problemOf(http.StatusForbidden, domain.CodeForbidden, msg.readOnly))
			return
		default:
			a.writeErr(ctx, problemOf(http.StatusNotFound, domain.CodeNotFound, msg.notFound))
			return
		}
	}
	inner := domain.WithAPIToken(context.WithValue(ctx.Context(), callerKey{}, cl), cl.Token.ID)
	next(huma.WithContext(ctx, inner))
}

// authenticate finds the token's user and their permissions, built from the
// memberships just read, as for a page: a revoked role ends at once.
func (a *API) authenticate(ctx huma.Context) (caller, *Problem) {
	secret := bearer(ctx.Header("Authorization"))
	if secret == "" {
		return caller{}, unauthorized(ctx)
	}
	tok, err := a.deps.Tokens.Authenticate(ctx.Context(), secret)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return caller{}, unauthorized(ctx)
	}
	if err != nil {
		return caller{}, a.fail(ctx.URL().Path, err)
	}
	acc, err := a.deps.Store.FindAccount(ctx.Context(), tok.UserID)
	if err != nil {
		return caller{}, a.fail(ctx.URL().Path, err)
	}
	perms, err := a.deps.Authz.For(acc.Memberships)
	if err != nil {
		return caller{}, a.fail(ctx.URL().Path, err)
	}
	if !perms.HasAnyMembership() {
		return caller{}, problemOf(http.StatusForbidden, domain.CodeForbidden, msg.noRole)
	}
	return caller{Token: tok, Account: acc, Perms: perms}, nil
}

func unauthorized(ctx huma.Context) *Problem {
	ctx.SetHeader("WWW-Authenticate", `Bearer realm="planwerk"`)
	return problemOf(http.StatusUnauthorized, "unauthorized", msg.unauthorized)
}

// scope resolves the plan (and organisation) an address names.
func (a *API) scope(ctx huma.Context, w Where) (domain.PlanScope, *Problem) {
	org := ""
	if w == InMunicipality {
		org = ctx.Param("org")
	}
	sc, err := a.deps.Store.FindScope(ctx.Context(), ctx.Param("plan"), org)
	if err != nil {
		return sc, a.fail(ctx.URL().Path, err)
	}
	return sc, nil
}

// writeErr answers from the middleware, before huma's handler runs.
func (a *API) writeErr(ctx huma.Context, p *Problem) {
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(p.Status)
	_ = json.NewEncoder(ctx.BodyWriter()).Encode(p)
}

// register adds an operation with its permission: the only way operations
// are added, so none is without one.
func register[I, O any](a *API, op huma.Operation, perm Permission, h func(context.Context, *I) (*O, error)) {
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[permissionKey] = perm
	op.Security = []map[string][]string{{"token": {}}}
	if perm.Public {
		op.Security = []map[string][]string{}
	}
	a.ops = append(a.ops, Operation{Method: op.Method, Path: op.Path, ID: op.OperationID, Permission: perm})
	huma.Register(a.huma, op, h)
}

// checkEveryOperationDeclared refuses to start when the document lists an
// operation that was not registered with a permission.
func (a *API) checkEveryOperationDeclared() error {
	declared := map[string]bool{}
	for _, op := range a.ops {
		declared[op.Method+" "+op.Path] = true
	}
	for path, item := range a.huma.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put,
			"PATCH": item.Patch, "DELETE": item.Delete, "HEAD": item.Head, "OPTIONS": item.Options} {
			if op != nil && !declared[method+" "+path] {
				return fmt.Errorf("api: operation %s %s has no declared permission", method, path)
			}
		}
	}
	return nil
}

// planStateRefuses applies the plan version's state as the pages do: a
// draft is the KI's alone, a superseded version refuses every change.
func (a *API) planStateRefuses(ctx huma.Context, cl caller, perm Permission) error {
	sc := cl.Scope
	if sc.Plan.State == domain.PlanDraft && !cl.Perms.Can(authz.County(sc.County.Slug), "catalogue", "edit") {
		return domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "draft plan of another")
	}
	write := ctx.Method() != http.MethodGet && ctx.Method() != http.MethodHead
	return sc.StateRefuses(perm.Object, write)
}
