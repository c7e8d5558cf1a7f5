package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// refusal is a use case's refusal as a form page shows it: nothing was
// saved, the form comes back with what the user typed and what was wrong.
// Every form handler turns errors into answers through refusalOf; the JSON
// API maps the same domain errors to problem details.
type refusal struct {
	// Status is 409 when someone saved in between (Stale), else 422.
	Status int
	Stale  bool
	// Fields holds a translated message for each field that caused it.
	Fields map[string]string
	// Summary is the translated message above the form: the refusal itself
	// when it concerns no one field, else a pointer to the fields.
	Summary string
}

// refusalOf explains err on a form. It reports false for an error that is
// not the user's to fix (the database is away, a bug): s.fail answers those.
// summaryKey is the message id shown above the form when the refusal
// concerns fields; staleKey the one shown after a version conflict.
func (s *Server) refusalOf(c *gin.Context, err error, summaryKey, staleKey string) (refusal, bool) {
	t := s.translatorFor(c.Request)
	if errors.Is(err, domain.ErrStaleVersion) {
		return refusal{Status: http.StatusConflict, Stale: true, Summary: t.T(staleKey)}, true
	}
	switch domain.ErrorCode(err) {
	case domain.CodeInvalid, domain.CodeConflict:
		// Bad input, or a step the workflow does not allow from here.
	default:
		return refusal{}, false
	}
	r := refusal{Status: http.StatusUnprocessableEntity, Fields: fieldErrors(t, err), Summary: t.ErrorText(err)}
	if len(r.Fields) > 0 {
		r.Summary = t.T(summaryKey) // the message itself stands beside its field
	}
	return r, true
}

// fieldErrors maps a domain error to the form field it concerns, with its
// message in the page's language; errors without a field are shown in the
// summary only. A use case that finds several problems at once joins them
// (errors.Join): each goes to its field, the first one per field wins.
func fieldErrors(t translator, err error) map[string]string {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out map[string]string
		for _, e := range joined.Unwrap() {
			for field, msg := range fieldErrors(t, e) {
				if _, seen := out[field]; !seen {
					if out == nil {
						out = map[string]string{}
					}
					out[field] = msg
				}
			}
		}
		return out
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Field == "" {
		return nil
	}
	return map[string]string{de.Field: t.ErrorText(err)}
}
