package server

import (
	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// formRefusal is what a refused implementation form (edit, Sachstand,
// relevance) shows again with the user's input. Each form's data embeds it,
// so the templates read .Errors, .Message, .Theirs and .Differences alike.
type formRefusal struct {
	// Errors holds field → message; Message the summary above the form: a
	// message id, or a domain message already translated (ErrorText), which
	// T passes through as it is.
	Errors  map[string]string
	Message string
	// Theirs holds what someone else saved meanwhile, after a version
	// conflict; Differences the fields where it differs from the input.
	Theirs      *domain.Implementation
	Differences []difference
}

// refusalOfSave turns an implementation form's refused save into what the
// form shows again, with the status to answer. After a version conflict it
// carries the stored implementation and, by differ, where it differs from
// the input; the caller then takes over the stored version, so that saving
// again is a deliberate overwrite. ok false: err was no refusal and is
// answered already.
func (s *Server) refusalOfSave(c *gin.Context, err error, saved domain.Implementation,
	differ func(translator, domain.Implementation) []difference) (formRefusal, int, bool) {
	r, ok := s.refusalOf(c, err, "implementation.error.summary", "implementation.conflict.message")
	if !ok {
		s.fail(c, err)
		return formRefusal{}, 0, false
	}
	f := formRefusal{Errors: r.Fields, Message: r.Summary}
	if r.Stale {
		f.Theirs, f.Differences = &saved, differ(s.translatorFor(c.Request), saved)
	}
	return f, r.Status, true
}
