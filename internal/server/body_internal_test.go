package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// signedOut is an Authenticator with nobody signed in and no session layer:
// the routes under test here are public and need neither.
type signedOut struct{}

func (signedOut) Wrap(next http.Handler) http.Handler                            { return next }
func (signedOut) OnSessionError(func(http.ResponseWriter, *http.Request, error)) {}
func (signedOut) LoginURL(context.Context, string) (string, error)               { return "/", nil }
func (signedOut) Finish(context.Context, url.Values) (string, error)             { return "/", nil }
func (signedOut) Logout(context.Context) (string, error)                         { return "/", nil }
func (signedOut) UserID(context.Context) (int64, bool)                           { return 0, false }

// optionServer serves two routes that declare what they take, as the
// attachments feature will: one takes files, one a larger form. Its handlers
// report what they received and whether the temp folder held a file then.
func optionServer(t *testing.T, tmp string) *Server {
	t.Helper()
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	messages, plain, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{auth: signedOut{}, log: slog.New(slog.NewTextHandler(io.Discard, nil)), pages: pages,
		messages: messages, plainMessages: plain, opts: Options{Operator: "Kreis Test"}}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// A copy of the request, as the session layer makes, so that the form is
	// parsed on a request net/http does not know.
	copyRequest := func(c *gin.Context) { c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), t, 1)) }
	r.Use(copyRequest, s.checkInput)
	reg := &registry{engine: r, server: s}
	reg.handle("POST", "/anhaenge/:id", public, func(c *gin.Context) {
		f, err := c.FormFile("datei")
		if err != nil {
			c.String(http.StatusBadRequest, "no file: %v", err)
			return
		}
		inTemp, _ := os.ReadDir(tmp)
		c.String(http.StatusOK, "%s %d bytes, %d in temp, title %q", f.Filename, f.Size, len(inTemp), c.PostForm("title"))
	}, withFiles(64<<20))
	reg.handle("POST", "/gross", public, func(c *gin.Context) {
		c.String(http.StatusOK, "%d bytes", len(c.PostForm("text")))
	}, withBodyLimit(1<<20))
	reg.handle("POST", "/klein", public, func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	s.handler, s.sessionless = r, r
	return s
}

func upload(t *testing.T, s *Server, path string, fileSize int, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = w.WriteField(fields[i], fields[i+1])
	}
	part, err := w.CreateFormFile("datei", "bericht.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(bytes.Repeat([]byte("x"), fileSize))
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func TestRouteDeclaringFilesTakesThemAndLeavesNothingBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s := optionServer(t, tmp)
	size := 3 * uploadMemory // larger than is held in memory: goes to the temp folder
	rec := upload(t, s, "/anhaenge/1", size, "title", "Bericht")
	want := fmt.Sprintf("bericht.pdf %d bytes, 1 in temp, title \"Bericht\"", size)
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("upload = %d %q, want 200 %q", rec.Code, rec.Body.String(), want)
	}
	// Refused by the input check after the files were written.
	if rec := upload(t, s, "/anhaenge/1", size, "title", "Steuer\x1bzeichen"); rec.Code != http.StatusBadRequest {
		t.Errorf("upload with control characters = %d, want 400", rec.Code)
	}
	if rec := upload(t, s, "/anhaenge/1", 65<<20); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("upload over the route's limit = %d, want 413", rec.Code)
	}
	if rec := upload(t, s, "/klein", 10); rec.Code != http.StatusUnsupportedMediaType {
		t.Errorf("upload to a route without files = %d, want 415", rec.Code)
	}
	left, _ := os.ReadDir(tmp)
	for _, f := range left {
		t.Errorf("left in the temp folder: %s", f.Name())
	}
}

func TestRouteDeclaringALargerLimitTakesLargerForms(t *testing.T) {
	s := optionServer(t, t.TempDir())
	for _, c := range []struct {
		path string
		size int
		want int
	}{
		{"/gross", 512 << 10, http.StatusOK},
		{"/gross", 2 << 20, http.StatusRequestEntityTooLarge},
		{"/klein", 512 << 10, http.StatusRequestEntityTooLarge},
		{"/klein", 1 << 10, http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodPost, c.path, strings.NewReader("text="+strings.Repeat("x", c.size)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("POST %s with %d bytes = %d, want %d", c.path, c.size, rec.Code, c.want)
		}
	}
}

func TestMuxPattern(t *testing.T) {
	for gin, want := range map[string]string{
		"/kommunen/:slug/umsetzungen/:id": "/kommunen/{slug}/umsetzungen/{id}",
		"/static/*filepath":               "/static/{filepath...}",
		"/sprache":                        "/sprache",
	} {
		if got := muxPattern(gin); got != want {
			t.Errorf("muxPattern(%q) = %q, want %q", gin, got, want)
		}
	}
}
