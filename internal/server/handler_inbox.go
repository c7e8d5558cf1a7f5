package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// inboxPath is "Neu für Sie", the signed-in user's inbox.
const inboxPath = "/neu"

// inboxEntry is one entry of the inbox page with its text and link.
type inboxEntry struct {
	domain.Notification
	Text string
	Href string
}

// inbox lists the newest entries of the signed-in user's inbox.
func (s *Server) inbox(c *gin.Context) {
	list, err := s.services.Inbox.List(c.Request.Context(), actorOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	tr := s.translatorFor(c.Request)
	entries := make([]inboxEntry, 0, len(list))
	for _, n := range list {
		entries = append(entries, inboxEntry{Notification: n, Text: noticeText(tr, n), Href: noticeHref(n)})
	}
	s.render(c, http.StatusOK, "inbox", view{Title: "inbox.heading", Nav: "neu", Data: entries})
}

// markNoticeRead marks one entry read and returns to the inbox, at the entry.
func (s *Server) markNoticeRead(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		s.notFound(c)
		return
	}
	if err := s.services.Inbox.MarkRead(c.Request.Context(), actorOf(c), id); err != nil {
		s.fail(c, err) // another user's entry is not found
		return
	}
	c.Redirect(http.StatusSeeOther, inboxPath+"#eintrag-"+c.Param("id"))
}

// markAllNoticesRead marks every entry read and returns to the inbox.
func (s *Server) markAllNoticesRead(c *gin.Context) {
	if err := s.services.Inbox.MarkAllRead(c.Request.Context(), actorOf(c)); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, inboxPath)
}

// noticeText is an entry's sentence in the reader's language; the message
// of each kind (and of each support answer) is in web/locales/inbox.*.json.
func noticeText(tr translator, n domain.Notification) string {
	p := n.Params
	switch n.Kind {
	case domain.NoticeSupportAnswered:
		return tr.T("inbox.kind.support_answered."+string(p.Answer), "Actor", actorText(tr, n),
			"Code", p.MeasureCode, "Title", p.MeasureTitle, "Org", n.OrgName)
	case domain.NoticeComment:
		return tr.T("inbox.kind.comment", "Actor", actorText(tr, n), "Code", p.MeasureCode,
			"Title", p.MeasureTitle, "Org", n.OrgName)
	case domain.NoticeRoundOpened:
		deadline := p.Deadline
		if d, err := time.Parse(time.DateOnly, p.Deadline); err == nil {
			deadline = tr.Date(d)
		}
		return tr.T("inbox.kind.round_opened", "Round", p.RoundTitle, "Deadline", deadline, "Org", n.OrgName)
	case domain.NoticeRoundNudge:
		return tr.T("inbox.kind.round_nudge", "Actor", actorText(tr, n), "Round", p.RoundTitle, "Org", n.OrgName)
	case domain.NoticeRoundDeadline, domain.NoticeRoundMissed, domain.NoticeStale, domain.NoticeDue,
		domain.NoticeOfferUnconfirmed:
		return reminderText(tr, n)
	}
	return tr.T("inbox.kind.unknown")
}

// actorText names who caused an entry ("the KI" when the user was removed).
func actorText(tr translator, n domain.Notification) string {
	if n.ActorName != "" {
		return n.ActorName
	}
	return tr.T("inbox.unknownActor")
}

// noticeHref is where an entry leads (domain.NoticePath, shared with the e-mail).
func noticeHref(n domain.Notification) string { return domain.NoticePath(n) }

// UnreadText is the header's count of unread entries ("99+" past the cap).
func (v view) UnreadText() string {
	if v.Account.Unread > domain.MaxUnreadShown {
		return strconv.Itoa(domain.MaxUnreadShown) + "+"
	}
	return strconv.Itoa(v.Account.Unread)
}
