package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// addComment adds a message to the internal discussion of an implementation
// between the municipality and the KI.
func (s *Server) addComment(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	forms := trackingForms{CommentBody: c.PostForm("comment_body")}
	_, err := s.impls.AddComment(c.Request.Context(), actorOf(c), key, forms.CommentBody)
	if err == nil {
		c.Redirect(http.StatusSeeOther, savedAt(implementationPath(sc, key.ID), "kommentar"))
		return
	}
	s.refuseTrackingForm(c, sc, key, forms, "comment", err)
}

// refuseTrackingForm shows the implementation page again after one of its
// forms (failed: "milestone", "comment") was refused, with what
// was typed and the messages at their fields.
func (s *Server) refuseTrackingForm(c *gin.Context, sc domain.PlanScope, key domain.ImplementationKey,
	forms trackingForms, failed string, err error) {
	r, ok := s.refusalOf(c, err, "implementation.error.summary", "implementation.conflict.message")
	if !ok {
		s.fail(c, err)
		return
	}
	forms.Errors, forms.Failed = r.Fields, failed
	s.showImplementation(c, r.Status, sc.Org, key, forms)
}
