package server

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"strings"
)

// defaultBodyLimit is the most a request body may carry unless its route
// declares more: the largest form of ours (a local measure with its 10,000
// character description, each character up to 3 bytes and percent-encoded
// to 9) stays well below it.
const defaultBodyLimit = 256 << 10

// bodyRule is what a route accepts as request body.
type bodyRule struct {
	limit int64 // bytes
	files bool  // multipart/form-data (file uploads) accepted
}

var defaultBodyRule = bodyRule{limit: defaultBodyLimit}

// routeOption changes what a route accepts; given where the route is
// registered (registry.handle), so the declaration stays in one line.
type routeOption func(*bodyRule)

// withBodyLimit lets a route take bodies of up to n bytes.
func withBodyLimit(n int64) routeOption { return func(b *bodyRule) { b.limit = n } }

// withFiles lets a route take file uploads (multipart/form-data) of up to n
// bytes in all. The files land in the temp folder while the request runs and
// are removed when it ends (see requestBody.removeFiles).
func withFiles(n int64) routeOption {
	return func(b *bodyRule) { b.limit, b.files = n, true }
}

// bodyRules finds the rule of the route a request goes to. Only routes that
// declared options are listed: everything else, including paths no route
// serves, gets the default, so a mismatch errs on the strict side.
type bodyRules struct{ mux *http.ServeMux }

// ruleHandler carries a rule in the mux; it never serves.
type ruleHandler struct{ rule bodyRule }

func (ruleHandler) ServeHTTP(http.ResponseWriter, *http.Request) {}

func (br *bodyRules) add(method, ginPath string, rule bodyRule) {
	if br.mux == nil {
		br.mux = http.NewServeMux()
	}
	br.mux.Handle(method+" "+muxPattern(ginPath), ruleHandler{rule})
}

func (br *bodyRules) of(r *http.Request) bodyRule {
	if br.mux == nil {
		return defaultBodyRule
	}
	// A path the mux would redirect (not clean) gets some other handler.
	if h, _ := br.mux.Handler(r); h != nil {
		if rh, ok := h.(ruleHandler); ok {
			return rh.rule
		}
	}
	return defaultBodyRule
}

// muxPattern turns a Gin path (/a/:id/*rest) into a ServeMux pattern
// (/a/{id}/{rest...}).
func muxPattern(ginPath string) string {
	segs := strings.Split(ginPath, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":"):
			segs[i] = "{" + s[1:] + "}"
		case strings.HasPrefix(s, "*"):
			segs[i] = "{" + s[1:] + "...}"
		}
	}
	return strings.Join(segs, "/")
}

// requestBody wraps every request body: it enforces the route's limit and
// remembers how reading failed, so that every answer given afterwards (the
// input check, a failed session save) blames the right party.
type requestBody struct {
	io.ReadCloser
	rule    bodyRule
	readErr error
	form    *multipart.Form // parsed upload, removed when the request ends
}

func (b *requestBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && b.readErr == nil {
		b.readErr = err
	}
	return n, err
}

// removeFiles deletes what an upload put into the temp folder. net/http
// does so only for the form of the request it created, and handlers parse
// forms on the copies that the session layer makes.
func (b *requestBody) removeFiles() {
	if b.form != nil {
		_ = b.form.RemoveAll()
	}
}

type requestBodyKey struct{}

func bodyOf(r *http.Request) *requestBody {
	b, _ := r.Context().Value(requestBodyKey{}).(*requestBody)
	return b
}

// limitBody checks a request's body against its route's rule before anything
// reads it, and wraps it to enforce the limit on what is read. A refusal is
// returned as status and message id; 0 means go ahead.
func limitBody(w http.ResponseWriter, r *http.Request, rule bodyRule) (*http.Request, int, string) {
	if isMultipart(r) && !rule.files {
		return r, http.StatusUnsupportedMediaType, "error.msg.noFiles"
	}
	if r.ContentLength > rule.limit {
		return r, http.StatusRequestEntityTooLarge, "error.msg.tooLarge"
	}
	body := &requestBody{ReadCloser: http.MaxBytesReader(w, r.Body, rule.limit), rule: rule}
	r.Body = body
	return r.WithContext(context.WithValue(r.Context(), requestBodyKey{}, body)), 0, ""
}

func isMultipart(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && strings.HasPrefix(mediaType, "multipart/")
}

// errTooManyFields is a form with more fields than any of ours has.
var errTooManyFields = errors.New("too many form fields")

// readFault maps a failure to read a request body to what the user is told:
// the one place where that decision is made.
func readFault(err error) (status int, message string) {
	var tooLarge *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, "error.msg.tooLarge"
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return http.StatusRequestTimeout, "error.msg.slowBody"
	}
	return http.StatusBadRequest, "error.msg.incomplete"
}

// clientFault tells whether reading the request's body failed. If so, what
// fails afterwards (the server gives up on the connection, so a session can
// no longer be saved) is the client's doing, not the database's.
func clientFault(r *http.Request) (status int, message string, ok bool) {
	b := bodyOf(r)
	if b == nil || b.readErr == nil {
		return 0, "", false
	}
	status, message = readFault(b.readErr)
	return status, message, true
}
