package server

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// maxFormFields is more than any form of ours sends: the bulk review, the
// largest, sends two fields for each of at most 1000 implementations.
const maxFormFields = 5000

// uploadMemory is how much of an upload is held in memory; larger files go
// to the temp folder until the request ends.
const uploadMemory = 1 << 20

// errBadCharacters is input that is not UTF-8 or carries control characters.
var errBadCharacters = errors.New("form carries bytes that are not text")

// checkInput reads the query and form of every request in one place and
// refuses one that carries bytes that are not UTF-8 or control characters
// other than tab and line breaks: no form of ours sends them, PostgreSQL
// cannot store them, and every handler would otherwise need the same check.
// A body that cannot be read gets the answer that names the reason (too
// large, too slow, too many fields). The user gets a page that says what to do.
func (s *Server) checkInput(c *gin.Context) {
	if err := readForm(c.Request); err != nil {
		status, message := formFault(c.Request, err)
		s.renderError(c, status, message)
		c.Abort()
		return
	}
	c.Next()
}

// readForm parses query and body into r.Form (and r.MultipartForm on routes
// that take files; Server.ServeHTTP refuses multipart everywhere else).
func readForm(r *http.Request) error {
	if strings.Count(r.URL.RawQuery, "&") >= maxFormFields {
		return errTooManyFields
	}
	if isMultipart(r) {
		return readUpload(r)
	}
	r.Body = &fieldCounter{ReadCloser: r.Body}
	if err := r.ParseForm(); err != nil {
		return err
	}
	if !cleanValues(r.Form) {
		return errBadCharacters
	}
	return nil
}

// readUpload parses a multipart body and hands its files to the request's
// body, which removes them when the request ends.
func readUpload(r *http.Request) error {
	err := r.ParseMultipartForm(uploadMemory)
	if b := bodyOf(r); b != nil && r.MultipartForm != nil {
		b.form = r.MultipartForm
	}
	if err != nil {
		return err
	}
	if !cleanValues(r.Form) { // holds the multipart values too
		return errBadCharacters
	}
	for name, files := range r.MultipartForm.File {
		if !domain.IsText(name) {
			return errBadCharacters
		}
		for _, f := range files {
			if !domain.IsText(f.Filename) {
				return errBadCharacters
			}
		}
	}
	return nil
}

// formFault is the answer to a form that could not be read: a failed read
// of the body speaks for itself (see readFault), anything else is about
// what the form holds.
func formFault(r *http.Request, err error) (status int, message string) {
	if status, message, ok := clientFault(r); ok {
		return status, message
	}
	switch {
	case errors.Is(err, errTooManyFields):
		return http.StatusBadRequest, "error.msg.tooManyFields"
	case errors.Is(err, multipart.ErrMessageTooLarge):
		return http.StatusRequestEntityTooLarge, "error.msg.tooLarge"
	}
	return http.StatusBadRequest, "error.msg.badCharacters"
}

// fieldCounter stops reading a form body once it holds more fields than
// maxFormFields, so that the user is told why rather than "invalid input".
type fieldCounter struct {
	io.ReadCloser
	separators int
}

func (f *fieldCounter) Read(p []byte) (int, error) {
	n, err := f.ReadCloser.Read(p)
	f.separators += bytes.Count(p[:n], []byte("&"))
	if f.separators >= maxFormFields {
		return n, errTooManyFields
	}
	return n, err
}

func cleanValues(values url.Values) bool {
	for key, vs := range values {
		if !domain.IsText(key) {
			return false
		}
		for _, v := range vs {
			if !domain.IsText(v) {
				return false
			}
		}
	}
	return true
}
