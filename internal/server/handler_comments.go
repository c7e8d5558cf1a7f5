package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// addComment adds a message to the internal discussion of an implementation
// between the municipality and the KI.
func (s *Server) addComment(c *gin.Context) {
	sc, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	org := sc.Org
	forms := trackingForms{CommentBody: c.PostForm("comment_body")}
	body := cleanFormText(forms.CommentBody)
	switch {
	case body == "":
		forms.Errors = map[string]string{"comment_body": "implementation.error.commentMissing"}
	case tooLong(body, domain.MaxCommentLen):
		forms.Errors = map[string]string{"comment_body": "implementation.error.commentTooLong"}
	}
	if forms.Errors != nil {
		forms.Failed = "comment"
		s.showImplementation(c, http.StatusUnprocessableEntity, org, id, forms)
		return
	}
	acc, _ := account(c)
	if _, err := s.store.AddComment(c.Request.Context(), org.ID, id, body, &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#kommentare")
}
