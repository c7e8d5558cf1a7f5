package notify

import (
	"fmt"

	"github.com/planwerk/planwerk/internal/domain"
)

// reminderGroup is one reminder mail: the reminders of one kind and step
// that reach one address, a town each.
type reminderGroup struct {
	address, dedupeKey string
	toMailbox          bool
	recipientID        *int64
	notificationID     *int64
	notices            []domain.PendingNotice
}

// groupReminders decides who gets which reminder, as noticeMails does for
// events (opt-outs, a town's mail to its mailbox only), and puts the
// reminders of one address, kind and step into one group. A role mailbox
// hears of each town once, however many coordinators the town has. A
// reminder from before steps were recorded (no RemindSlot) stays a mail of
// its own.
func groupReminders(pending []domain.PendingNotice) []*reminderGroup {
	var out []*reminderGroup
	groups := map[string]*reminderGroup{}
	towns := map[string]bool{}
	add := func(address, dedupe string, toMailbox bool, n domain.PendingNotice) *reminderGroup {
		key := fmt.Sprintf("%t\x00%s\x00%s", toMailbox, address, dedupe)
		g := groups[key]
		if g == nil {
			g = &reminderGroup{address: address, dedupeKey: dedupe, toMailbox: toMailbox}
			groups[key] = g
			out = append(out, g)
		}
		g.notices = append(g.notices, n)
		return g
	}
	for _, n := range pending {
		kind := domain.MailKind(n.Kind)
		step := "r:" + string(kind) + ":" + n.RemindSlot
		mailbox, mailboxErr := domain.MailAddress(n.Mailbox)
		useMailbox := n.Mailbox != "" && mailboxErr == nil
		if email, err := domain.MailAddress(n.Email); err == nil && (!n.OptedOut || kind.Mandatory()) && !(useMailbox && n.MailboxOnly) {
			dedupe := step
			if n.RemindSlot == "" {
				dedupe = fmt.Sprintf("n:%d", n.ID)
			}
			g := add(email, dedupe, false, n)
			if g.recipientID == nil {
				id, rid := n.ID, n.RecipientID
				g.notificationID, g.recipientID = &id, &rid
			}
		}
		if useMailbox {
			dedupe := step
			if n.RemindSlot == "" {
				dedupe = "e:" + n.EventKey
			}
			town := mailbox + "\x00" + dedupe + "\x00" + n.PlanSlug + "/" + n.OrgSlug
			if !towns[town] {
				towns[town] = true
				add(mailbox, dedupe, true, n)
			}
		}
	}
	return out
}
