package domain

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// MailKind is what a mail is about: a notice kind, or the weekly digest.
// Opt-outs are stored per MailKind.
type MailKind string

// MailDigest is the weekly digest, the one mail kind with no inbox entry.
const MailDigest MailKind = "digest"

// MailKinds lists every kind a person can see on their settings page, in
// the order shown there.
var MailKinds = []MailKind{MailKind(NoticeRoundOpened), MailKind(NoticeRoundDeadline), MailKind(NoticeRoundMissed),
	MailKind(NoticeRoundNudge), MailKind(NoticeStale), MailKind(NoticeDue), MailKind(NoticeSupportAnswered),
	MailKind(NoticeComment), MailKind(NoticeOfferUnconfirmed), MailDigest}

// Mandatory reports whether a kind is a service mail that cannot be turned
// off: a missed reporting deadline concerns the town's duty, not a choice.
func (k MailKind) Mandatory() bool { return k == MailKind(NoticeRoundMissed) }

// ValidMailKind reports whether s names a MailKind.
func ValidMailKind(s string) bool {
	for _, k := range MailKinds {
		if string(k) == s {
			return true
		}
	}
	return false
}

// MailStatus is where a mail stands: queued (waiting or retrying), sent,
// failed (refused for good or retries exhausted; Error says why).
type MailStatus string

const (
	MailQueued MailStatus = "queued"
	MailSent   MailStatus = "sent"
	MailFailed MailStatus = "failed"
)

// MailMessage is one rendered mail to one address, as stored in the send
// log (and, in demo mode, read in the outbox).
type MailMessage struct {
	ID             int64      `db:"id"`
	DedupeKey      string     `db:"dedupe_key"`
	Address        string     `db:"address"`
	RecipientID    *int64     `db:"recipient_id"`
	NotificationID *int64     `db:"notification_id"`
	Kind           MailKind   `db:"kind"`
	Language       string     `db:"language"`
	Subject        string     `db:"subject"`
	TextBody       string     `db:"text_body"`
	HTMLBody       string     `db:"html_body"`
	UnsubscribeURL string     `db:"unsubscribe_url"`
	Status         MailStatus `db:"status"`
	Transport      string     `db:"transport"`
	Attempts       int        `db:"attempts"`
	Error          string     `db:"error"`
	CreatedAt      time.Time  `db:"created_at"`
	SentAt         *time.Time `db:"sent_at"`
}

// MailLogFilter narrows the admin's send log: Query matches address or
// subject (case-insensitive), Status one status ("" all).
type MailLogFilter struct {
	Query  string
	Status MailStatus
	Limit  int
}

// MailAddress checks an address from a claim or a form: one plain address,
// no display name, no line breaks (which would let text become headers).
func MailAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("address contains a line break")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", fmt.Errorf("not a plain e-mail address: %q", s)
	}
	return a.Address, nil
}

// HeaderText makes user-supplied text safe for a header such as the
// subject: every line break and other control character becomes a space,
// so no text can start a header of its own.
func HeaderText(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }), " ")
}

// DeliverMailJob is the background job that sends one stored mail
// (mail_messages.id). Its Kind is River's job kind, so it is stable.
type DeliverMailJob struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job for River.
func (DeliverMailJob) Kind() string { return "deliver_mail" }

// MailDeliveryAttempts bounds the tries of one mail: River waits attempt⁴
// seconds between them, so the last try comes about four hours after the
// first, and then the mail is recorded as failed, not retried forever.
const MailDeliveryAttempts = 8

// PendingNotice is a notification not yet mailed, with what deciding its
// addresses and rendering it needs.
type PendingNotice struct {
	Notification
	RecipientID int64  `db:"recipient_id"`
	Email       string `db:"email"`
	Language    string `db:"mail_language"`
	OptedOut    bool   `db:"opted_out"`
	Mailbox     string `db:"mailbox"`
	MailboxOnly bool   `db:"mailbox_only"`
	// MailboxLanguage is the language of the town's role mailbox.
	MailboxLanguage string `db:"mailbox_language"`
	// RemindSlot is a reminder's step per person and kind across towns
	// ("" for events): the reminders of one slot reach an address in one mail.
	RemindSlot string `db:"remind_slot"`
	// EventKey is the same for every recipient of one event, so the town's
	// mailbox hears of it once however many coordinators the town has.
	EventKey string `db:"event_key"`
}

// TownMailbox is a town's role mailbox setting.
type TownMailbox struct {
	Address  string
	Only     bool   // instead of its people, not besides them
	Language string // of its mails: "de" (default) or "en"
}

// MailSettings are a person's e-mail choices.
type MailSettings struct {
	Email    string
	Language string
	OptOuts  map[MailKind]bool
}

// Job is one background job as the admin's jobs page shows it.
type Job struct {
	ID          int64      `db:"id"`
	Kind        string     `db:"kind"`
	State       string     `db:"state"`
	Attempt     int        `db:"attempt"`
	MaxAttempts int        `db:"max_attempts"`
	Args        string     `db:"args"`
	LastError   string     `db:"last_error"`
	CreatedAt   time.Time  `db:"created_at"`
	ScheduledAt time.Time  `db:"scheduled_at"`
	FinalizedAt *time.Time `db:"finalized_at"`
}

// Retryable reports whether an admin may run the job again: it failed for
// good, was cancelled, or waits for its next try.
func (j Job) Retryable() bool {
	return j.State == "discarded" || j.State == "cancelled" || j.State == "retryable"
}

// JobStates are River's states the jobs page filters by.
var JobStates = []string{"available", "running", "retryable", "scheduled", "completed", "discarded", "cancelled"}
