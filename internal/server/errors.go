package server

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/httpstatus"
)

// errorTitle is the message id of the page heading for a status.
func errorTitle(status int) string { return fmt.Sprintf("error.%d", status) }

type errorPage struct {
	Status    int
	Message   string
	RequestID string
}

// fail answers a request with the error page for err. Internal errors are
// logged with the request id, which the page shows; users never see internals.
func (s *Server) fail(c *gin.Context, err error) {
	if status, message, ok := clientFault(c.Request); ok {
		// The store failed because the server gave up on the connection.
		s.renderError(c, status, message)
		return
	}
	status := httpstatus.Of(domain.ErrorCode(err))
	s.logFailure(c.Request, status, err)
	// The page shows Message through T: a message id is translated, a text
	// already in the page's language (ErrorText) passes through unchanged.
	message := s.translatorFor(c.Request).ErrorText(err)
	switch status {
	case http.StatusNotFound:
		message = "error.msg.notFound"
	case http.StatusServiceUnavailable:
		if domain.ErrorKey(err) == "" {
			message = "error.msg.unavailable"
		}
	case http.StatusInternalServerError:
		message = "error.msg.internal"
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "30")
	}
	s.renderError(c, status, message)
}

func (s *Server) renderError(c *gin.Context, status int, message string) {
	s.render(c, status, "error", view{
		Title: errorTitle(status),
		Data:  errorPage{Status: status, Message: message, RequestID: requestIDOf(c)},
	})
}

// crossOriginRefused answers a state-changing request from another site
// (cross-site request forgery) without touching anything.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	s.renderTo(w, r, http.StatusForbidden, "error", view{Title: "error.refused",
		Data: errorPage{Status: http.StatusForbidden, Message: "error.msg.crossOrigin", RequestID: requestIDFrom(r.Context())}})
}

// logFailure logs a failed request with its id. An unavailable dependency is
// logged once by whatever noticed it (the database's health, the sign-in
// provider), not once per request: during an outage every request fails,
// and each already has its request-log line with status 503.
func (s *Server) logFailure(r *http.Request, status int, err error) {
	switch {
	case status == http.StatusServiceUnavailable:
		s.log.Debug("request failed", "request_id", requestIDFrom(r.Context()), "path", r.URL.Path, "status", status, "err", err)
	case status >= 500:
		s.log.Error("request failed", "request_id", requestIDFrom(r.Context()), "path", r.URL.Path, "status", status, "err", err)
	}
}

// bodyRefused answers a request whose body cannot be taken: one its route
// does not accept (refused before anything reads it, see limitBody) or one
// that could not be read.
func (s *Server) bodyRefused(w http.ResponseWriter, r *http.Request, status int, message string) {
	if isAPIPath(r.URL.Path) {
		s.writeProblem(w, r, status, "invalid", message)
		return
	}
	s.setSecurityHeaders(w.Header())
	s.renderTo(w, r, status, "error", view{Title: errorTitle(status),
		Data: errorPage{Status: status, Message: message}})
}

// sessionUnavailable answers when the session cannot be loaded or saved:
// the database holding the sessions is down, or did not answer in time,
// unless the request's body could not be read, which stops the session from
// being saved too. Anything else the session store reports is an error.
func (s *Server) sessionUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	if status, message, ok := clientFault(r); ok {
		s.log.Info("request body unreadable", "path", r.URL.Path, "status", status, "err", err)
		s.bodyRefused(w, r, status, message)
		return
	}
	if domain.ErrorCode(err) == domain.CodeUnavailable {
		s.logFailure(r, http.StatusServiceUnavailable, err)
	} else {
		s.logFailure(r, http.StatusInternalServerError, err)
	}
	w.Header().Set("Retry-After", "30")
	s.renderTo(w, r, http.StatusServiceUnavailable, "error", view{Title: errorTitle(http.StatusServiceUnavailable),
		Data: errorPage{Status: http.StatusServiceUnavailable, Message: "error.msg.unavailable", RequestID: requestIDFrom(r.Context())}})
}

func (s *Server) notFound(c *gin.Context) {
	s.fail(c, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "not found"))
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	s.renderError(c, http.StatusMethodNotAllowed, "error.msg.method")
}
