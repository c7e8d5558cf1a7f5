package server

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	notifysvc "github.com/planwerk/planwerk/internal/service/notify"
)

// mailSettingsData is the notification settings page: the person's
// choices, every kind (mandatory ones fixed) and the digest's preview.
type mailSettingsData struct {
	Settings domain.MailSettings
	Kinds    []domain.MailKind
	Preview  []domain.DigestEntry
	Saved    bool
	Refusal  refusal
}

// Wants reports whether the person receives a kind by mail.
func (d mailSettingsData) Wants(k domain.MailKind) bool {
	return k.Mandatory() || !d.Settings.OptOuts[k]
}

// mailSettings shows the signed-in person's e-mail settings.
func (s *Server) mailSettings(c *gin.Context) {
	settings, err := s.services.Notify.Of(c.Request.Context(), actorOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderMailSettings(c, http.StatusOK, mailSettingsData{Settings: settings, Saved: c.Query("ok") == "1"})
}

func (s *Server) renderMailSettings(c *gin.Context, status int, d mailSettingsData) {
	preview, err := s.services.Notify.DigestPreview(c.Request.Context(), actorOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Kinds, d.Preview = domain.MailKinds, preview
	s.render(c, status, "mail_settings", view{Title: "settings.heading", Nav: "benachrichtigungen", Data: d})
}

// saveMailSettings saves the language and the kinds not ticked. The form
// names the kinds it wants ("kind"); every other one is an opt-out.
func (s *Server) saveMailSettings(c *gin.Context) {
	wanted := c.PostFormArray("kind")
	var optOuts []string
	for _, k := range domain.MailKinds {
		if !slices.Contains(wanted, string(k)) {
			optOuts = append(optOuts, string(k))
		}
	}
	for _, k := range wanted {
		if !domain.ValidMailKind(k) {
			optOuts = append(optOuts, k) // an unknown kind is refused by the service
		}
	}
	cmd := notifysvc.SaveSettings{Language: c.PostForm("language"), OptOuts: optOuts}
	err := s.services.Notify.Save(c.Request.Context(), actorOf(c), cmd)
	if err == nil {
		c.Redirect(http.StatusSeeOther, domain.MailSettingsPath+"?ok=1")
		return
	}
	r, ok := s.refusalOf(c, err, "settings.err.language", "settings.err.language")
	if !ok {
		s.fail(c, err)
		return
	}
	settings, ferr := s.services.Notify.Of(c.Request.Context(), actorOf(c))
	if ferr != nil {
		s.fail(c, ferr)
		return
	}
	s.renderMailSettings(c, r.Status, mailSettingsData{Settings: settings, Refusal: r})
}
