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
	id := key.ID
	if !ok {
		return
	}
	org := sc.Org
	forms := trackingForms{CommentBody: c.PostForm("comment_body")}
	body := domain.CleanText(forms.CommentBody)
	switch {
	case body == "":
		forms.Errors = map[string]string{"comment_body": "implementation.error.commentMissing"}
	case domain.TooLong(body, domain.MaxCommentLen):
		forms.Errors = map[string]string{"comment_body": "implementation.error.commentTooLong"}
	}
	if forms.Errors != nil {
		forms.Failed = "comment"
		s.showImplementation(c, http.StatusUnprocessableEntity, org, key, forms)
		return
	}
	acc, _ := account(c)
	if _, err := s.store.AddComment(c.Request.Context(), key, body, &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#kommentare")
}
