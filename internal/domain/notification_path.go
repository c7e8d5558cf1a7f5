package domain

import "strconv"

// NoticePath is where a notification leads, for the inbox and its e-mail
// alike: the implementation's support answer or comments; the town's
// workspace for a round (its banner names the round), filtered to the stale
// or overdue implementations for a reminder.
func NoticePath(n Notification) string {
	town := "/plaene/" + n.PlanSlug + "/kommunen/" + n.OrgSlug
	if n.ImplementationID == nil {
		switch n.Kind {
		case NoticeStale:
			return town + "?ohne_meldung=1"
		case NoticeDue:
			return town + "?sortierung=faellig"
		case NoticeOfferUnconfirmed:
			return town + "/angebote"
		}
		return town + "#berichtsrunde"
	}
	impl := town + "/umsetzungen/" + strconv.FormatInt(*n.ImplementationID, 10)
	if n.Kind == NoticeComment {
		return impl + "#kommentare"
	}
	return impl + "#unterstuetzung"
}

// MailSettingsPath is the page where a person chooses their e-mails; every
// mail links it, and its List-Unsubscribe header names it.
const MailSettingsPath = "/einstellungen/benachrichtigungen"
