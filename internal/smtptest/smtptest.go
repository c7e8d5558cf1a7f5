// Package smtptest is a real SMTP server for tests (emersion/go-smtp): it
// keeps what arrives, can refuse addresses for good, and can go down and
// come back on the same port.
package smtptest

import (
	"io"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one mail as it arrived.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Header parses the message's header (net/mail), for assertions.
func (m Message) Header() mail.Header {
	msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
	if err != nil {
		return mail.Header{}
	}
	return msg.Header
}

// Server is a running test SMTP server.
type Server struct {
	Host string
	Port int

	mu       sync.Mutex
	received []Message
	refuse   map[string]bool
	srv      *smtp.Server
	ln       net.Listener
	t        testing.TB
}

// Start starts a server on a free loopback port; it stops with the test.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{t: t, refuse: map[string]bool{}}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	s.Host, s.Port = host, mustAtoi(port)
	s.serve(ln)
	t.Cleanup(s.Down)
	return s
}

func mustAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

func (s *Server) serve(ln net.Listener) {
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

// Down stops the server: connections are refused until Up.
func (s *Server) Down() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if ln != nil {
		_ = ln.Close() // Serve may not have taken the listener yet; Close alone would miss it
	}
	if srv != nil {
		_ = srv.Close()
	}
}

// Up starts the server again on its port.
func (s *Server) Up() {
	s.t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // the port may linger a moment after Close
		if ln, err = net.Listen("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port))); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	s.serve(ln)
}

// Refuse makes the server refuse an address for good (550), as a relay
// refuses an unknown mailbox.
func (s *Server) Refuse(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse[strings.ToLower(addr)] = true
}

// Received is every message so far.
func (s *Server) Received() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

// WaitFor waits up to timeout for at least n messages and returns them.
func (s *Server) WaitFor(n int, timeout time.Duration) []Message {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if got := s.Received(); len(got) >= n {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s.Received()
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	refused := x.s.refuse[strings.ToLower(to)]
	x.s.mu.Unlock()
	if refused {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	x.s.received = append(x.s.received, Message{From: x.from, To: x.to, Data: data})
	x.s.mu.Unlock()
	return nil
}
