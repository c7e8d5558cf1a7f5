package domain

import "time"

// DigestEntry is what the weekly digest tells one person about one town of
// one plan (a coordinator) or one plan of their county (the KI): only
// their own open items.
type DigestEntry struct {
	RecipientID   int64      `db:"recipient_id"`
	PlanSlug      string     `db:"plan_slug"`
	PlanTitle     string     `db:"plan_title"`
	OrgSlug       string     `db:"org_slug"`
	OrgName       string     `db:"org_name"`
	Stale         int        `db:"stale"`
	Overdue       int        `db:"overdue"`
	DueSoon       int        `db:"due_soon"`
	SupportOpen   int        `db:"support_open"` // the KI: requests waiting for them or for anyone
	RoundTitle    string     `db:"round_title"`  // an open round the town has not completed
	RoundDeadline *time.Time `db:"round_deadline"`
}

// Empty reports whether the entry has nothing to say.
func (e DigestEntry) Empty() bool {
	return e.Stale == 0 && e.Overdue == 0 && e.DueSoon == 0 && e.SupportOpen == 0 && e.RoundTitle == ""
}

// Digest is one person's weekly digest.
type Digest struct {
	RecipientID int64
	Email       string
	Language    string
	Week        string // ISO week, e.g. 2026-W49: the digest's slot
	Entries     []DigestEntry
}

// DigestRecipient is a person the digest may go to.
type DigestRecipient struct {
	ID       int64  `db:"id"`
	Email    string `db:"email"`
	Language string `db:"mail_language"`
}

// ISOWeek names the week of day t, e.g. "2026-W49".
func ISOWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "-W" + twoDigits(w)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// GroupDigests builds one digest per person from entries sorted by
// recipient, leaving out empty entries and people with nothing to say.
func GroupDigests(entries []DigestEntry, people map[int64]DigestRecipient, week string) []Digest {
	var out []Digest
	for _, e := range entries {
		if e.Empty() {
			continue
		}
		if len(out) == 0 || out[len(out)-1].RecipientID != e.RecipientID {
			p := people[e.RecipientID]
			out = append(out, Digest{RecipientID: e.RecipientID, Email: p.Email, Language: p.Language, Week: week})
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}

// RoundDue is the open round's deadline (zero when there is none).
func (e DigestEntry) RoundDue() time.Time {
	if e.RoundDeadline == nil {
		return time.Time{}
	}
	return *e.RoundDeadline
}
