package server

import (
	"encoding/json"
	"net/http"
	"strings"
)

// serveAPI hands a request under /api/ to the JSON API. It gets the request
// id, the request-log line, the deadline and the body limit of every request
// (ServeHTTP, serveBounded), but neither the session nor the CSRF check:
// the API authenticates by token only.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	if s.api == nil {
		s.writeProblem(w, r, http.StatusNotFound, "not_found", "error.msg.notFound")
		return
	}
	s.setSecurityHeaders(w.Header())
	// The open data needs no token, so its budget is the client's, as for
	// the CSV and JSON-LD downloads of the same data.
	if strings.HasPrefix(r.URL.Path, publicAPIPrefix) && s.refusedByLimit(limitData, w, r) {
		s.writeProblem(w, r, http.StatusTooManyRequests, "too_many_requests", "public.err.tooMany")
		return
	}
	s.api.ServeHTTP(w, r)
}

// publicAPIPrefix is where the JSON API serves open data without a token.
const publicAPIPrefix = "/api/v1/public/"

// apiProblem is an RFC 9457 problem-details answer as the API gives it
// (internal/api writes the same shape for everything past the router).
type apiProblem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Code   string `json:"code"`
}

// writeProblem answers an API request that never reached the API (its body
// was refused) in the API's own error format; message is a message id.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	s.setSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(apiProblem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: s.translatorFor(r).T(message), Code: code})
}
