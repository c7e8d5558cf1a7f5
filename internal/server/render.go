package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/web"
)

// pageNames lists every page template. Each is parsed together with the layout
// at start; a missing or broken one stops the program before it serves.
var pageNames = []string{"error", "plans", "overview", "measure", "workspace", "municipalities", "noplan", "accessibility",
	"noaccess", "implementation", "edit", "users", "membership_revoke",
	"support_form", "support_queue", "needs", "needs_overview", "local_measure", "api_tokens",
	"monitoring", "rounds", "reports", "report_form", "report", "report_print",
	"status_report", "relevance", "inbox", "start",
	"mail_settings", "town_mailbox", "mail_log", "mail_message", "jobs",
	"catalogue", "catalogue_item", "catalogue_history", "catalogue_import",
	"offers", "offer_form", "offer_internal", "offer_confirm", "public_offers", "public_offer", "search_misses", "offer_translation", "public_plan", "public_plan_town", "plan_publication",
	"offer_categories", "offer_category",
	"versions", "version_mapping", "version_annex"}

type pages struct {
	byName map[string]*template.Template
}

func parsePages() (*pages, error) {
	layout, err := template.New("layout").Funcs(templateFuncs).ParseFS(web.Templates, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("layout template: %w", err)
	}
	// Partials (sections such as a comment thread) are available to every page.
	if partials, _ := fs.Glob(web.Templates, "templates/partials/*.html"); len(partials) > 0 {
		if layout, err = layout.ParseFS(web.Templates, partials...); err != nil {
			return nil, fmt.Errorf("partial templates: %w", err)
		}
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.Must(layout.Clone()).ParseFS(web.Templates, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	if err := checkEveryTemplateIsDeclared(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkEveryTemplateIsDeclared refuses a template file that no page declares:
// it would otherwise sit unused and untested.
func checkEveryTemplateIsDeclared() error {
	files, err := fs.Glob(web.Templates, "templates/*.html")
	if err != nil {
		return err
	}
	declared := map[string]bool{"layout": true}
	for _, n := range pageNames {
		declared[n] = true
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if !declared[name] {
			return fmt.Errorf("template %s is not declared in pageNames", f)
		}
	}
	return nil
}

// view is what every page template receives.
type view struct {
	translator
	Title    string
	Nav      string // the active main navigation entry
	Crumbs   []crumb
	Operator string
	Data     any
	// Account is the signed-in user (zero when signed out); Perms answers
	// what they may do, so a page offers only what will be allowed.
	Account  domain.Account
	Perms    *authz.Permissions
	SignedIn bool
	// Path is the current address, for the language switch to come back to.
	Path string
	// Scope is the plan (and organisation) of a plan-scoped page, zero elsewhere.
	Scope domain.PlanScope
}

// PlanPath is the address of the page's plan ("" outside a plan).
func (v view) PlanPath() string { return planPath(v.Scope.Plan.Slug) }

// TownPath is the address of the page's municipality workspace within its plan.
func (v view) TownPath() string { return townPath(v.Scope.Plan.Slug, v.Scope.Org.Slug) }

// Can reports whether the signed-in user may do act to obj in the page's
// municipality, or in its plan's county when the page names no municipality.
func (v view) Can(obj, act string) bool {
	if v.Perms == nil || v.Scope.Plan.ID == 0 || v.Scope.StateRefuses(obj, act != "read") != nil {
		return false
	}
	return v.Perms.Can(scopeDomain(v.Scope), obj, act)
}

// CanInPlan reports whether the user may do act to obj in the plan's county.
func (v view) CanInPlan(obj, act string) bool {
	return v.Perms != nil && v.Scope.Plan.ID != 0 && v.Scope.StateRefuses(obj, act != "read") == nil &&
		v.Perms.Can(authz.County(v.Scope.County.Slug), obj, act)
}

// CanAdminister reports whether the user may manage users and memberships.
func (v view) CanAdminister() bool {
	return v.Perms != nil && v.Perms.Can(authz.Installation, "membership", "manage")
}

// RolesText names the signed-in user's roles for the header, e.g.
// "Koordination Dülmen, Ausschuss"; "" when it would only repeat the name
// (demo and shared accounts are often named after their role).
func (v view) RolesText() string {
	var parts []string
	for _, m := range v.Account.Memberships {
		p := v.T("role." + string(m.Role))
		if m.Role == "coordinator" {
			p += " " + m.OrgName
		}
		parts = append(parts, p)
	}
	text := strings.Join(parts, ", ")
	if text == v.Account.Name {
		return ""
	}
	return text
}

type crumb struct {
	Label string
	Href  string
}

// render executes a page into a buffer first, so that a template error becomes
// a clean 500 page rather than half a page.
func (s *Server) render(c *gin.Context, status int, name string, v view) {
	v.Path = c.Request.URL.RequestURI()
	v.Account, v.SignedIn = account(c)
	if !v.SignedIn {
		v.Account, v.SignedIn = s.optionalAccount(c)
	}
	v.Perms = permissions(c)
	v.Scope = scopeOf(c)
	s.renderTo(c.Writer, c.Request, status, name, v)
}

// renderTo writes a page to any ResponseWriter, for answers given outside Gin
// (the cross-origin refusal).
func (s *Server) renderTo(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := s.pages.byName[name]
	if !ok {
		panic("undeclared page " + name) // a programming error: every page is in pageNames
	}
	v.Operator = s.opts.Operator
	v.translator = s.translatorFor(r)
	if v.Title != "" {
		v.Title = v.T(v.Title)
	}
	// Crumb labels may be message ids too; names (a municipality, a plan) are
	// not ids and stay as they are.
	crumbs := make([]crumb, len(v.Crumbs))
	for i, cr := range v.Crumbs {
		crumbs[i] = crumb{Label: v.T(cr.Label), Href: cr.Href}
	}
	v.Crumbs = crumbs
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render", "path", r.URL.Path, "page", name, "err", err)
		if name != "error" {
			s.renderTo(w, r, http.StatusInternalServerError, "error", view{Title: errorTitle(500),
				Data: errorPage{Status: 500, Message: "error.msg.render"}})
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK && !v.SignedIn && publicPageCache(w, r, buf.Bytes()) {
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// optionalAccount finds the signed-in user on pages that do not require
// sign-in (the accessibility statement, error pages), so the header still
// shows who is signed in. Failing that, the page is shown as signed out.
func (s *Server) optionalAccount(c *gin.Context) (domain.Account, bool) {
	if needsNoSession(c.Request.URL.Path) {
		return domain.Account{}, false // served without a session: there is none to ask
	}
	userID, ok := s.auth.UserID(c.Request.Context())
	if !ok {
		return domain.Account{}, false
	}
	acc, err := s.store.FindAccount(c.Request.Context(), userID)
	return acc, err == nil
}

// townNav is the main navigation entry a municipality's pages belong to: the
// user's own workspace for its coordinator, the list of municipalities for
// everyone else.
func townNav(c *gin.Context, slug string) string {
	acc, _ := account(c)
	for _, m := range acc.Memberships {
		if m.Role == domain.RoleCoordinator && m.OrgSlug == slug {
			return slug
		}
	}
	return "kommunen"
}
