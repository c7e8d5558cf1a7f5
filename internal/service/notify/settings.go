package notify

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// SettingsStore is what the pages' part needs of the database.
type SettingsStore interface {
	FindMail(ctx context.Context, id int64) (domain.MailMessage, error)
	FindDigestEntries(ctx context.Context, today time.Time, userID int64) ([]domain.DigestEntry, map[int64]domain.DigestRecipient, error)
	FindMailSettings(ctx context.Context, userID int64) (domain.MailSettings, error)
	SaveMailSettings(ctx context.Context, userID int64, language string, optOuts []domain.MailKind) error
	FindTownMailbox(ctx context.Context, orgID int64) (domain.TownMailbox, error)
	SetTownMailbox(ctx context.Context, orgID int64, m domain.TownMailbox) error
	FindMailLog(ctx context.Context, f domain.MailLogFilter) ([]domain.MailMessage, error)
	FindJobs(ctx context.Context, state string, limit int) ([]domain.Job, error)
	RetryJob(ctx context.Context, id int64) error
}

// Settings are the pages' use cases: a person's choices and digest
// preview, a town's role mailbox, the admins' send log and jobs page.
type Settings struct {
	store SettingsStore
	now   func() time.Time
}

// NewSettings builds the pages' part; now is the clock of the preview.
func NewSettings(store SettingsStore, now func() time.Time) *Settings {
	if now == nil {
		now = time.Now
	}
	return &Settings{store: store, now: now}
}

// Of are the signed-in person's e-mail choices.
func (s *Settings) Of(ctx context.Context, actor domain.Actor) (domain.MailSettings, error) {
	return s.store.FindMailSettings(ctx, actor.ID)
}

// SaveSettings is the settings form: the mail language and the kinds the
// person does not want. A mandatory kind cannot be turned off; it is left
// out of the opt-outs rather than refused, since the form shows it fixed.
type SaveSettings struct {
	Language string
	OptOuts  []string
}

// Save saves the person's choices.
func (s *Settings) Save(ctx context.Context, actor domain.Actor, cmd SaveSettings) error {
	if cmd.Language != "de" && cmd.Language != "en" {
		return domain.Keyed(domain.CodeInvalid, "language", "settings.err.language", "mail language must be de or en")
	}
	var kinds []domain.MailKind
	for _, k := range cmd.OptOuts {
		if !domain.ValidMailKind(k) {
			return domain.Keyed(domain.CodeInvalid, "kinds", "settings.err.kind", "unknown mail kind "+k)
		}
		if !domain.MailKind(k).Mandatory() {
			kinds = append(kinds, domain.MailKind(k))
		}
	}
	return s.store.SaveMailSettings(ctx, actor.ID, cmd.Language, kinds)
}

// DigestPreview is what the person's digest would say today (empty: it
// would not be sent), whatever they chose.
func (s *Settings) DigestPreview(ctx context.Context, actor domain.Actor) ([]domain.DigestEntry, error) {
	entries, _, err := s.store.FindDigestEntries(ctx, s.now(), actor.ID)
	var out []domain.DigestEntry
	for _, e := range entries {
		if !e.Empty() {
			out = append(out, e)
		}
	}
	return out, err
}

// TownMailbox reads a town's role mailbox.
func (s *Settings) TownMailbox(ctx context.Context, _ domain.Actor, orgID int64) (domain.TownMailbox, error) {
	return s.store.FindTownMailbox(ctx, orgID)
}

// SetTownMailbox saves a town's role mailbox; the address must be one
// plain address (or empty to remove it), the language German (also when
// none is given) or English.
func (s *Settings) SetTownMailbox(ctx context.Context, _ domain.Actor, orgID int64, m domain.TownMailbox) error {
	switch m.Language {
	case "":
		m.Language = "de"
	case "de", "en":
	default:
		return domain.Keyed(domain.CodeInvalid, "language", "mailbox.err.language", "mailbox language must be de or en")
	}
	if m.Address != "" {
		addr, err := domain.MailAddress(m.Address)
		if err != nil {
			return domain.Keyed(domain.CodeInvalid, "address", "mailbox.err.address", err.Error())
		}
		m.Address = addr
	}
	return s.store.SetTownMailbox(ctx, orgID, m)
}

// Log is the admin's send log.
func (s *Settings) Log(ctx context.Context, f domain.MailLogFilter) ([]domain.MailMessage, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 200
	}
	return s.store.FindMailLog(ctx, f)
}

// Mail is one stored mail, for the outbox page.
func (s *Settings) Mail(ctx context.Context, id int64) (domain.MailMessage, error) {
	return s.store.FindMail(ctx, id)
}

// Jobs lists background jobs for the admin's jobs page.
func (s *Settings) Jobs(ctx context.Context, state string) ([]domain.Job, error) {
	return s.store.FindJobs(ctx, state, 200)
}

// RetryJob runs a failed job again.
func (s *Settings) RetryJob(ctx context.Context, id int64) error {
	return s.store.RetryJob(ctx, id)
}
