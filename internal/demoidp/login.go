package demoidp

import (
	"bytes"
	"context"
	"crypto/subtle"
	"embed"
	"html/template"
	"net/http"
)

const loginPath = "/login"

// Security headers of our own pages. The op package's endpoints keep their
// own: its form_post answer needs an inline script.
const loginCSP = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'"

const (
	msgWrongCredentials = "Benutzername oder Passwort falsch."
	msgRequestGone      = "Diese Anmeldung ist abgelaufen oder schon abgeschlossen. Bitte starten Sie die Anmeldung in Planwerk erneut."
)

//go:embed assets/login.html assets/login.css
var assets embed.FS

// loginHandler serves the login page and hands everything else to the op
// provider.
type loginHandler struct {
	store    *storage
	users    *directory
	callback func(ctx context.Context, authRequestID string) string
	appURL   string
	logf     func(string, ...any)
	page     *template.Template
	css      []byte
}

type loginPage struct {
	AuthRequestID string
	Username      string
	Error         string
	AppURL        string
	Password      string
	Accounts      []accountRow
}

type accountRow struct{ Username, Name, Role, Organisation string }

func newLoginHandler(store *storage, users *directory, callback func(context.Context, string) string,
	appURL string, logf func(string, ...any), provider http.Handler) (http.Handler, error) {
	page, err := template.ParseFS(assets, "assets/login.html")
	if err != nil {
		return nil, err
	}
	css, err := assets.ReadFile("assets/login.css")
	if err != nil {
		return nil, err
	}
	h := &loginHandler{store: store, users: users, callback: callback, appURL: appURL, logf: logf, page: page, css: css}
	// The login form may only be posted from our own page: no other site
	// can sign a visitor in under an account of its choosing.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "Anfrage abgelehnt: Das Anmeldeformular kann nur von dieser Seite aus abgeschickt werden.", http.StatusForbidden)
	}))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.showStart)
	mux.HandleFunc("GET "+loginPath, h.showLogin)
	mux.Handle("POST "+loginPath, csrf.Handler(http.HandlerFunc(h.submitLogin)))
	mux.HandleFunc("GET /static/login.css", h.serveCSS)
	// Browsers ask for a favicon; an empty answer keeps their console clean.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.Handle("/", provider)
	return mux, nil
}

// showStart is the page at the issuer's root: the account list, and the
// hint that a sign-in starts in Planwerk.
func (h *loginHandler) showStart(w http.ResponseWriter, r *http.Request) {
	h.render(w, http.StatusOK, loginPage{})
}

func (h *loginHandler) showLogin(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	if _, ok := h.store.pendingRequest(id); !ok {
		h.render(w, http.StatusBadRequest, loginPage{Error: msgRequestGone})
		return
	}
	h.render(w, http.StatusOK, loginPage{AuthRequestID: id})
}

func (h *loginHandler) submitLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.render(w, http.StatusBadRequest, loginPage{Error: msgRequestGone})
		return
	}
	id, username := r.PostForm.Get("authRequestID"), r.PostForm.Get("username")
	if _, ok := h.store.pendingRequest(id); !ok {
		h.render(w, http.StatusBadRequest, loginPage{Error: msgRequestGone})
		return
	}
	account, ok := h.users.byLogin(username)
	password := []byte(r.PostForm.Get("password"))
	if !ok || subtle.ConstantTimeCompare(password, []byte(DemoPassword)) != 1 {
		h.logf("Demo-Anmeldung abgelehnt: Benutzername %q", username)
		h.render(w, http.StatusOK, loginPage{AuthRequestID: id, Username: username, Error: msgWrongCredentials})
		return
	}
	if err := h.store.completeLogin(id, account.Subject); err != nil {
		h.render(w, http.StatusBadRequest, loginPage{Error: msgRequestGone})
		return
	}
	h.logf("Demo-Anmeldung: %s (%s)", account.Username, account.Role)
	http.Redirect(w, r, h.callback(r.Context(), id), http.StatusSeeOther)
}

// render fills in what every page shows and writes it with our headers.
// The page is rendered into a buffer first, so a template error cannot
// leave half a page behind.
func (h *loginHandler) render(w http.ResponseWriter, status int, p loginPage) {
	p.AppURL, p.Password = h.appURL, DemoPassword
	for _, a := range h.users.accounts {
		p.Accounts = append(p.Accounts, accountRow{Username: a.Username, Name: a.Name,
			Role: roleLabel(a.Role), Organisation: h.users.orgName(a.OrgSlug)})
	}
	var buf bytes.Buffer
	if err := h.page.Execute(&buf, p); err != nil {
		h.logf("Anmeldeseite: %v", err)
		http.Error(w, "Interner Fehler", http.StatusInternalServerError)
		return
	}
	header := w.Header()
	header.Set("Content-Type", "text/html; charset=utf-8")
	header.Set("Content-Security-Policy", loginCSP)
	header.Set("Cache-Control", "no-store")
	setCommonHeaders(header)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (h *loginHandler) serveCSS(w http.ResponseWriter, _ *http.Request) {
	header := w.Header()
	header.Set("Content-Type", "text/css; charset=utf-8")
	header.Set("Cache-Control", "public, max-age=3600")
	setCommonHeaders(header)
	_, _ = w.Write(h.css)
}

// setCommonHeaders: no sniffing, no framing, and no referrer that would
// carry the authorization request id to another site.
func setCommonHeaders(header http.Header) {
	header.Set("X-Content-Type-Options", "nosniff")
	header.Set("X-Frame-Options", "DENY")
	header.Set("Referrer-Policy", "no-referrer")
}
