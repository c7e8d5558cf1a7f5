package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/httpstatus"
)

// Problem is an error answer as RFC 9457 describes it (application/problem+json),
// with the domain's error code, the field errors of invalid input and, after
// a stale write (412), the current representation.
type Problem struct {
	Type   string `json:"type" doc:"Immer about:blank: status und code sagen, was vorliegt."`
	Title  string `json:"title" doc:"Die Bezeichnung des HTTP-Status."`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty" doc:"Was geschehen ist und was zu tun ist (Deutsch)."`
	Code   string `json:"code" enum:"not_found,invalid,conflict,forbidden,unauthorized,precondition_failed,precondition_required,method_not_allowed,unavailable,internal" doc:"Der Fehlercode, wie ihn auch die Seiten kennen."`
	// Errors names the fields of invalid input.
	Errors []FieldError `json:"errors,omitempty"`
	// Current is what a stale write would have replaced (412).
	Current any `json:"current,omitempty"`
}

// FieldError is one invalid part of a request.
type FieldError struct {
	Location string `json:"location,omitempty" doc:"Wo: body.status, query.limit, …"`
	Message  string `json:"message"`
}

func (p *Problem) Error() string  { return p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(string) string { return "application/problem+json" }

func problemOf(status int, code domain.Code, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: string(code), Detail: detail}
}

// init makes huma's own refusals (malformed JSON, unknown fields, wrong
// types, too large) problems of ours. huma offers no per-API hook for it.
func init() {
	huma.NewError = func(status int, detail string, errs ...error) huma.StatusError {
		code := domain.CodeInvalid
		switch {
		case status == http.StatusNotFound:
			code = domain.CodeNotFound
		case status >= 500:
			code = domain.CodeInternal
			detail = msg.internal
		}
		p := problemOf(status, code, detail)
		for _, e := range errs {
			var d *huma.ErrorDetail
			if errors.As(e, &d) {
				p.Errors = append(p.Errors, FieldError{Location: d.Location, Message: d.Message})
			} else if e != nil && status < 500 {
				p.Errors = append(p.Errors, FieldError{Message: e.Error()})
			}
		}
		return p
	}
}

// fail turns a use case's error into a problem; internals are logged, not shown.
func (a *API) fail(path string, err error) *Problem {
	code := domain.ErrorCode(err)
	status := httpstatus.Of(code)
	switch {
	case status == http.StatusNotFound:
		return problemOf(status, code, msg.notFound)
	case status >= 500 && status != http.StatusServiceUnavailable:
		a.deps.Log.Error("api request failed", "path", path, "err", err)
		return problemOf(http.StatusInternalServerError, domain.CodeInternal, msg.internal)
	}
	p := problemOf(status, code, a.deps.Texts.ErrorText(apiLang, err))
	var de *domain.Error
	if errors.As(err, &de) && de.Field != "" {
		p.Errors = []FieldError{{Location: "body." + de.Field, Message: p.Detail}}
	}
	return p
}

// writeProblem answers outside huma (no route, a panic).
func writeProblem(w http.ResponseWriter, p *Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// bearer is the token of an Authorization header, "" without one.
func bearer(header string) string {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}
