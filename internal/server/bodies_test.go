package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/postgres"
)

// exchange sends head (request line and headers; Content-Length is the
// sender's claim) and then body over a raw connection, and returns the answer
// the server gives, even one it gives before the body has arrived. The body
// is written alongside, so a server that stops reading does not block the test.
func exchange(t *testing.T, addr, head string, body io.Reader) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(conn, head+"\r\n"); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(conn, body) }()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// postHead is the head of a POST with the given content type and length,
// carrying the client's cookies.
func postHead(t *testing.T, a *app, c *http.Client, path, contentType string, length int64) string {
	t.Helper()
	var cookies []string
	if c.Jar != nil {
		for _, k := range c.Jar.Cookies(mustParse(t, a.URL)) {
			cookies = append(cookies, k.Name+"="+k.Value)
		}
	}
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nSec-Fetch-Site: same-origin\r\n",
		path, strings.TrimPrefix(a.URL, "http://"), contentType, length)
	if len(cookies) > 0 {
		head += "Cookie: " + strings.Join(cookies, "; ") + "\r\n"
	}
	return head
}

// filler is an endless stream of letters, for bodies too big to hold.
type filler struct{}

func (filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

const tenMiB = 10 << 20

func TestTenMiBBodyAnswers413AtOnce(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	for _, c := range []struct {
		who    string
		client *http.Client
		path   string
	}{{"anonymous", anonymous(), "/sprache"}, {"signed in", duelmen, demoPlan + "/kommunen/duelmen/bedarfe"}} {
		// The body is never sent: the answer must come from the announced length alone.
		status, body := exchange(t, strings.TrimPrefix(a.URL, "http://"),
			postHead(t, a, c.client, c.path, "application/x-www-form-urlencoded", tenMiB), strings.NewReader(""))
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: POST %s with 10 MiB announced = %d, want 413", c.who, c.path, status)
		}
		mustContain(t, body, "Die gesendeten Daten sind zu groß")
	}
}

func TestTenMiBBodyIsRefusedBeforeTheSessionIsLoaded(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	ctx, count := postgres.CountQueries(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, a.URL+demoPlan+"/kommunen/duelmen/bedarfe",
		io.LimitReader(filler{}, tenMiB))
	req.ContentLength = tenMiB
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range duelmen.Jar.Cookies(mustParse(t, a.URL)) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	a.Server.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge || count.N() != 0 {
		t.Errorf("10 MiB form = %d after %d SQL statements, want 413 after none", rec.Code, count.N())
	}
}

func TestBodyWithoutLengthIsCutAt413(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	// No Content-Length: the client streams the body in chunks.
	req, err := http.NewRequest(http.MethodPost, a.URL+demoPlan+"/kommunen/duelmen/bedarfe",
		io.MultiReader(strings.NewReader("title="), io.LimitReader(filler{}, tenMiB)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := duelmen.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 10 MiB form = %d, want 413", resp.StatusCode)
	}
	mustContain(t, string(b), "Die gesendeten Daten sind zu groß")
	if len(b) > 64<<10 {
		t.Errorf("the refusal is %d bytes long: the body was echoed", len(b))
	}
}

// multipartBody is a multipart form with the fields and, if fileSize > 0, a
// file of that many bytes; it returns the body, its length and content type.
func multipartBody(t *testing.T, fileSize int64, fields ...string) (io.Reader, int64, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := w.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if fileSize > 0 {
		if _, err := w.CreateFormFile("datei", "gross.bin"); err != nil {
			t.Fatal(err)
		}
	}
	head := bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tail := bytes.Clone(buf.Bytes())
	body := io.MultiReader(bytes.NewReader(head), io.LimitReader(filler{}, fileSize), bytes.NewReader(tail))
	return body, int64(len(head)) + fileSize + int64(len(tail)), w.FormDataContentType()
}

func TestMultipartBodyLeavesNoFileBehind(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the multipart reader would put files
	for _, c := range []struct {
		who    string
		client *http.Client
		path   string
	}{{"anonymous", anonymous(), "/sprache"}, {"signed in", duelmen, demoPlan + "/kommunen/duelmen/bedarfe"}} {
		body, n, contentType := multipartBody(t, 100<<20, "lang", "en", "title", "Mit Anhang")
		status, page := exchange(t, strings.TrimPrefix(a.URL, "http://"), postHead(t, a, c.client, c.path, contentType, n), body)
		if status != http.StatusUnsupportedMediaType {
			t.Errorf("%s: 100 MB upload to %s = %d, want 415", c.who, c.path, status)
		}
		mustContain(t, page, "Diese Seite nimmt keine Dateien an")
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range left {
			t.Errorf("%s: upload to %s left %s in the temp folder", c.who, c.path, f.Name())
		}
	}
}

func TestMultipartFormCannotBypassTheInputCheck(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	body, n, contentType := multipartBody(t, 0, "title", "Steuer\x1bzeichen\x01\x07", "description", "\xff\xfe")
	status, _ := exchange(t, strings.TrimPrefix(a.URL, "http://"),
		postHead(t, a, duelmen, demoPlan+"/kommunen/duelmen/bedarfe", contentType, n), body)
	if status != http.StatusUnsupportedMediaType {
		t.Errorf("need with control characters as multipart = %d, want 415", status)
	}
	org, err := a.DB.FindOrganisationBySlug(context.Background(), "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	if needs, err := a.DB.FindNeeds(context.Background(), org.ID); err != nil || len(needs) != 0 {
		t.Errorf("stored needs: %+v, %v; want none", needs, err)
	}
}

func TestTooManyFieldsSaysSo(t *testing.T) {
	a := newApp(t)
	form := strings.Repeat("a=1&", 10001) + "lang=en"
	status, body, _ := fetch(t, anonymous(), http.MethodPost, a.URL+"/sprache", form)
	if status != http.StatusBadRequest {
		t.Errorf("10,002 fields = %d, want 400", status)
	}
	mustContain(t, body, "zu viele Felder")
	if strings.Contains(body, "Steuerzeichen") {
		t.Error("the page blames invalid characters")
	}
}

// syncBuffer collects log lines written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
