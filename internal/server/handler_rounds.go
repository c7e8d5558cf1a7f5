package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	roundsvc "github.com/planwerk/planwerk/internal/service/round"
)

// roundForm is what the KI typed to open a round, kept as typed.
type roundForm struct {
	Title, Deadline, MeetingOn, Committee string
}

// roundsData is the KI's rounds page: the round shown (the open one on the
// list, or the one asked for) with every town's state, the closed rounds,
// and the form to open a round when none is open.
type roundsData struct {
	List   bool
	Round  *domain.Round
	Towns  []domain.RoundTown
	Closed []domain.Round
	// Missing is the number of towns that have not completed.
	Missing  int
	DaysLeft int // until the deadline of Round
	Form     roundForm
	Errors   map[string]string
	Summary  string
	// NudgeOrg is the town whose reminder was refused, with its text and message.
	NudgeOrg   int64
	NudgeBody  string
	NudgeError string
	CloseError string
	// Done names what was just saved (eroeffnet, erinnert, abgeschlossen).
	Done string
}

// rounds lists the plan's reporting rounds: the open one with every town's
// state, or the form to open one, and the closed rounds.
func (s *Server) rounds(c *gin.Context) {
	s.renderRounds(c, http.StatusOK, roundsData{List: true, Done: c.Query("gespeichert")})
}

// round shows one reporting round with every town's state in it.
func (s *Server) round(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	r, towns, err := s.services.Rounds.Get(c.Request.Context(), scopeOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderRounds(c, http.StatusOK, roundsData{Round: &r, Towns: towns, Done: c.Query("gespeichert")})
}

// openRound opens a reporting round with the KI's title, deadline and meeting.
func (s *Server) openRound(c *gin.Context) {
	sc := scopeOf(c)
	form := roundForm{Title: c.PostForm("title"), Deadline: c.PostForm("deadline"),
		MeetingOn: c.PostForm("meeting_on"), Committee: c.PostForm("committee")}
	d := domain.RoundDraft{Title: form.Title, Committee: form.Committee}
	errs := map[string]string{}
	tr := s.translatorFor(c.Request)
	var okDeadline, okMeeting bool
	if d.Deadline, okDeadline = parseFormDate(form.Deadline); !okDeadline {
		errs["deadline"] = tr.T("round.err.dateUnreadable")
	}
	if d.MeetingOn, okMeeting = parseFormDate(form.MeetingOn); !okMeeting {
		errs["meeting_on"] = tr.T("round.err.dateUnreadable")
	}
	var err error
	if len(errs) == 0 {
		title := tr.T("round.reportTitle", "Title", domain.CleanText(form.Title))
		_, err = s.services.Rounds.Open(c.Request.Context(), actorOf(c), sc, roundsvc.Open{RoundDraft: d, ReportTitle: title})
		if err == nil {
			c.Redirect(http.StatusSeeOther, planPath(sc.Plan.Slug)+"/berichtsrunden?gespeichert=eroeffnet")
			return
		}
	}
	data := roundsData{List: true, Form: form, Errors: errs, Summary: tr.T("round.err.summary")}
	if err != nil {
		r, ok := s.refusalOf(c, err, "round.err.summary", "round.err.summary")
		if !ok {
			s.fail(c, err)
			return
		}
		data.Errors, data.Summary = r.Fields, r.Summary
	}
	s.renderRounds(c, http.StatusUnprocessableEntity, data)
}

// nudgeTown saves the KI's reminder to one town.
func (s *Server) nudgeTown(c *gin.Context) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	orgID, _ := parseID(c.PostForm("org")) // 0, no town, when it is no number
	body := c.PostForm("body")
	err := s.services.Rounds.Nudge(c.Request.Context(), actorOf(c), sc, id, orgID, body)
	if err == nil {
		c.Redirect(http.StatusSeeOther, s.roundPath(c, id)+"?gespeichert=erinnert#kommune-"+strconv.FormatInt(orgID, 10))
		return
	}
	r, ok := s.refusalOf(c, err, "round.err.nudgeNotSaved", "round.err.nudgeNotSaved")
	if !ok {
		s.fail(c, err)
		return
	}
	msg := r.Summary
	if m, found := r.Fields["body"]; found {
		msg = m
	}
	s.renderRoundAfterRefusal(c, id, r.Status, roundsData{NudgeOrg: orgID, NudgeBody: body, NudgeError: msg})
}

// closeRound freezes the round's report and closes the round; towns still
// missing must be confirmed with the checkbox.
func (s *Server) closeRound(c *gin.Context) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	_, err := s.services.Rounds.Close(c.Request.Context(), actorOf(c), sc, id, c.PostForm("confirm") == "1")
	if err == nil {
		c.Redirect(http.StatusSeeOther, planPath(sc.Plan.Slug)+"/berichtsrunden?gespeichert=abgeschlossen")
		return
	}
	r, ok := s.refusalOf(c, err, "round.err.closeRefused", "round.err.closeRefused")
	if !ok {
		s.fail(c, err)
		return
	}
	msg := r.Summary
	if m, found := r.Fields["confirm"]; found {
		msg = m
	}
	s.renderRoundAfterRefusal(c, id, r.Status, roundsData{CloseError: msg})
}

// roundPath is the address the KI comes back to after changing round id:
// the list while it is the open round.
func (s *Server) roundPath(c *gin.Context, id int64) string {
	return planPath(scopeOf(c).Plan.Slug) + "/berichtsrunden/" + strconv.FormatInt(id, 10)
}

// renderRoundAfterRefusal shows round id again with the refusal d carries.
func (s *Server) renderRoundAfterRefusal(c *gin.Context, id int64, status int, d roundsData) {
	r, towns, err := s.services.Rounds.Get(c.Request.Context(), scopeOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Round, d.Towns = &r, towns
	s.renderRounds(c, status, d)
}

func (s *Server) renderRounds(c *gin.Context, status int, d roundsData) {
	sc := scopeOf(c)
	if d.List {
		o, err := s.services.Rounds.Overview(c.Request.Context(), sc)
		if err != nil {
			s.fail(c, err)
			return
		}
		d.Round, d.Towns, d.Closed = o.Open, o.Towns, o.Closed
	}
	for _, t := range d.Towns {
		if t.Completion == nil {
			d.Missing++
		}
	}
	if d.Round != nil {
		d.DaysLeft = d.Round.DaysLeft(domain.Today(s.opts.Now()))
	}
	d.Form = d.Form.echo()
	d.NudgeBody = echo(d.NudgeBody, domain.MaxNudgeLen)
	tr := s.translatorFor(c.Request)
	crumbs := []crumb{{Label: tr.T("round.title"), Href: planPath(sc.Plan.Slug) + "/berichtsrunden"}}
	if !d.List && d.Round != nil {
		crumbs = append(crumbs, crumb{Label: d.Round.Title})
	}
	s.render(c, status, "rounds", view{Title: tr.T("round.title"), Nav: "berichtsrunden", Crumbs: crumbs, Data: d})
}

// echo shortens what the KI typed to what the fields may hold, so a refused
// form never echoes more than it accepts.
func (f roundForm) echo() roundForm {
	return roundForm{Title: echo(f.Title, domain.MaxRoundTitleLen),
		Deadline: echo(f.Deadline, maxDateEcho), MeetingOn: echo(f.MeetingOn, maxDateEcho),
		Committee: echo(f.Committee, domain.MaxReportCommitteeLen)}
}

// roundField is one field of the form that opens a round, ready to show.
type roundField struct {
	Name, Type, Label, Hint, Value, Max, Error string
}

// Field prepares a field of the form that opens a round: its label and hint
// in the page's language, what was typed and what was wrong with it.
func (d roundsData) Field(v view, name, typ, label, max, hint string) roundField {
	values := map[string]string{"title": d.Form.Title, "deadline": d.Form.Deadline,
		"committee": d.Form.Committee, "meeting_on": d.Form.MeetingOn}
	f := roundField{Name: name, Type: typ, Label: v.T(label), Value: values[name], Max: max, Error: d.Errors[name]}
	if hint != "" {
		f.Hint = v.T(hint)
	}
	return f
}
