package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// httpStatus maps a domain error code to its HTTP status: the one place where
// that decision is made.
func httpStatus(code domain.Code) int {
	switch code {
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeInvalid:
		return http.StatusUnprocessableEntity
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errorTitles are the page headings per status.
var errorTitles = map[int]string{
	http.StatusNotFound:            "Seite nicht gefunden",
	http.StatusUnauthorized:        "Bitte melden Sie sich an",
	http.StatusBadRequest:          "Anfrage ungültig",
	http.StatusMethodNotAllowed:    "Aktion nicht möglich",
	http.StatusUnprocessableEntity: "Eingabe ungültig",
	http.StatusConflict:            "Konflikt beim Speichern",
	http.StatusForbidden:           "Keine Berechtigung",
	http.StatusServiceUnavailable:  "Vorübergehend nicht verfügbar",
	http.StatusInternalServerError: "Interner Fehler",
}

type errorPage struct {
	Status    int
	Message   string
	RequestID string
}

// fail answers a request with the error page for err. Internal errors are
// logged with the request id, which the page shows; users never see internals.
func (s *Server) fail(c *gin.Context, err error) {
	status := httpStatus(domain.ErrorCode(err))
	if status >= 500 {
		s.log.Error("request failed", "request_id", requestIDOf(c), "path", c.Request.URL.Path, "status", status, "err", err)
	}
	message := domain.ErrorMessage(err)
	if status == http.StatusNotFound {
		message = "Die angeforderte Seite gibt es nicht (mehr). Bitte prüfen Sie die Adresse oder beginnen Sie auf der Startseite."
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "30")
	}
	s.renderError(c, status, message)
}

func (s *Server) renderError(c *gin.Context, status int, message string) {
	s.render(c, status, "error", view{
		Title: errorTitles[status],
		Data:  errorPage{Status: status, Message: message, RequestID: requestIDOf(c)},
	})
}

// crossOriginRefused answers a state-changing request from another site
// (cross-site request forgery) without touching anything.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	s.renderTo(w, r, http.StatusForbidden, "error", view{Title: "Anfrage abgelehnt", Data: errorPage{
		Status:  http.StatusForbidden,
		Message: "Diese Anfrage kam nicht von Planwerk selbst und wurde deshalb nicht ausgeführt. Bitte nutzen Sie die Formulare auf den Planwerk-Seiten.",
	}})
}

// sessionUnavailable answers when the session cannot be loaded or saved:
// the database holding the sessions is down.
func (s *Server) sessionUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("session store failed", "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", "30")
	s.renderTo(w, r, http.StatusServiceUnavailable, "error", view{Title: errorTitles[http.StatusServiceUnavailable],
		Data: errorPage{Status: http.StatusServiceUnavailable, Message: domain.ErrorMessage(
			&domain.Error{Code: domain.CodeUnavailable, Message: "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut."})}})
}

func (s *Server) notFound(c *gin.Context) {
	s.fail(c, domain.Errorf(domain.CodeNotFound, "nicht gefunden"))
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	s.renderError(c, http.StatusMethodNotAllowed, "Diese Aktion ist auf dieser Seite nicht möglich.")
}
