package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

// ServeHTTP makes the server an http.Handler. It is the outermost layer:
// every answer, including those the session layer gives before the router
// runs (503 while the database is down, 403 for a cross-site write), gets a
// request id and one request-log line here. It also sets the request's
// deadline, so a hung database costs a request RequestTimeout, not forever.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := newRequestID()
	w.Header().Set("X-Request-Id", id)
	ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), requestIDKey{}, id), s.opts.RequestTimeout)
	defer cancel()
	r = r.WithContext(ctx)
	// Nothing is kept by caches unless its handler says so: pages hold
	// personal data. Static files and public pages set their own policy.
	w.Header().Set("Cache-Control", "no-store")
	rec := &statusRecorder{ResponseWriter: w}
	if crossSite(r) { // answered uncompressed, static files included (compress.go)
		r.Header = r.Header.Clone()
		r.Header.Del("Accept-Encoding")
	}
	compress(http.HandlerFunc(s.serveOnce)).ServeHTTP(rec, r)
	s.log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path,
		"status", rec.Status(), "duration", time.Since(start))
}

// serveOnce keeps a second answer from reaching the compressor (see
// statusRecorder): once compressed, the two could no longer be told apart.
// The outer recorder sees the compressed answer and logs its status.
func (s *Server) serveOnce(w http.ResponseWriter, r *http.Request) {
	s.serveBounded(&statusRecorder{ResponseWriter: w}, r)
}

// serveBounded limits the request body before any layer can read it,
// routes the request, and removes what an upload left in the temp folder
// once everything is done.
func (s *Server) serveBounded(w http.ResponseWriter, r *http.Request) {
	r, status, message := limitBody(w, r, s.bodies.of(r))
	if status != 0 {
		s.bodyRefused(w, r, status, message)
		return
	}
	defer bodyOf(r).removeFiles()
	if isAPIPath(r.URL.Path) {
		s.serveAPI(w, r)
		return
	}
	if needsNoSession(r.URL.Path) {
		s.sessionless.ServeHTTP(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

type requestIDKey struct{}

// newRequestID is a random id, returned in X-Request-Id and shown on error
// pages, so a user's report can be matched with the log.
func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// requestIDFrom is the id ServeHTTP gave the request of ctx.
func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// statusRecorder remembers the status sent, for the request log. It also
// keeps a second answer from being appended to the first: when the session
// cannot be saved, scs answers with the 503 page and then still sends what
// the handler wrote (net/http ignores the second status but not its body).
type statusRecorder struct {
	http.ResponseWriter
	status  int
	discard bool // a second answer is being written
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status != 0 {
		r.discard = true
		return
	}
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.discard {
		return len(b), nil
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Status is the status sent; a handler that wrote nothing has sent 200.
func (r *statusRecorder) Status() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
