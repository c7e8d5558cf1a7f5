package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// The admins' mail pages: the send log (in demo mode the outbox) with each
// mail as sent, and the background jobs with a button to run a failed one
// again.
const (
	mailLogPath = "/verwaltung/e-mails"
	jobsPath    = "/verwaltung/auftraege"
)

// mailLogData is the send log page with its filter.
type mailLogData struct {
	Query    string
	Status   string
	Statuses []domain.MailStatus
	Mails    []domain.MailMessage
}

// mailLog lists the newest mails matching the search.
func (s *Server) mailLog(c *gin.Context) {
	d := mailLogData{Query: strings.TrimSpace(c.Query("q")), Status: c.Query("stand"),
		Statuses: []domain.MailStatus{domain.MailQueued, domain.MailSent, domain.MailFailed}}
	if !slices.Contains(d.Statuses, domain.MailStatus(d.Status)) {
		d.Status = "" // an unknown state shows all rather than nothing
	}
	if len([]rune(d.Query)) > 200 {
		d.Query = string([]rune(d.Query)[:200])
	}
	list, err := s.services.Notify.Log(c.Request.Context(), domain.MailLogFilter{Query: d.Query, Status: domain.MailStatus(d.Status)})
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Mails = list
	s.render(c, http.StatusOK, "mail_log", view{Title: "maillog.heading", Nav: "e-mails", Data: d})
}

// mailMessage shows one mail as it was sent: header lines, the plain text
// and the HTML source (shown as text: the admin reads, nothing renders).
func (s *Server) mailMessage(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	m, err := s.services.Notify.Mail(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	tr := s.translatorFor(c.Request)
	s.render(c, http.StatusOK, "mail_message", view{Title: "maillog.heading", Nav: "e-mails", Data: m,
		Crumbs: []crumb{{Label: tr.T("maillog.heading"), Href: mailLogPath}, {Label: m.Subject}}})
}

// jobsData is the jobs page with its filter.
type jobsData struct {
	State   string
	States  []string
	Jobs    []domain.Job
	Retried string
}

// jobs lists background jobs, newest first, in one state or all.
func (s *Server) jobs(c *gin.Context) {
	d := jobsData{State: c.Query("zustand"), States: domain.JobStates, Retried: c.Query("wiederholt")}
	if !slices.Contains(d.States, d.State) {
		d.State = ""
	}
	if _, err := strconv.ParseInt(d.Retried, 10, 64); err != nil {
		d.Retried = ""
	}
	list, err := s.services.Notify.Jobs(c.Request.Context(), d.State)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Jobs = list
	s.render(c, http.StatusOK, "jobs", view{Title: "jobs.heading", Nav: "e-mails", Data: d})
}

// retryJob runs a failed job again now.
func (s *Server) retryJob(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	if err := s.services.Notify.RetryJob(c.Request.Context(), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, jobsPath+"?wiederholt="+strconv.FormatInt(id, 10))
}
