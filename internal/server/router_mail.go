package server

import "github.com/planwerk/planwerk/internal/domain"

// mailRoutes: each person's notification settings, a town's role mailbox,
// the admins' send log (the outbox in demo mode) and jobs page.
func (s *Server) mailRoutes(reg *registry) {
	reg.handle("GET", domain.MailSettingsPath, signedIn, s.mailSettings)
	reg.handle("POST", domain.MailSettingsPath, signedIn, s.saveMailSettings)
	const town = "/plaene/:plan/kommunen/:slug"
	reg.handle("GET", town+"/funktionspostfach", need("mailbox", "manage", inMunicipality), s.townMailbox)
	reg.handle("POST", town+"/funktionspostfach", need("mailbox", "manage", inMunicipality), s.saveTownMailbox)
	reg.handle("GET", mailLogPath, need("mail", "read", installation), s.mailLog)
	reg.handle("GET", mailLogPath+"/:id", need("mail", "read", installation), s.mailMessage)
	reg.handle("GET", jobsPath, need("jobs", "manage", installation), s.jobs)
	reg.handle("POST", jobsPath+"/:id/wiederholen", need("jobs", "manage", installation), s.retryJob)
}
