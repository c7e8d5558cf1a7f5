// Package httpstatus maps a domain error code to its HTTP status: the one
// place where that decision is made, for the pages (internal/server) and the
// JSON API (internal/api) alike, so the same refusal has the same status in
// both.
package httpstatus

import (
	"net/http"

	"github.com/planwerk/planwerk/internal/domain"
)

// Of is the HTTP status of a domain error code; anything unknown is internal.
func Of(code domain.Code) int {
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
