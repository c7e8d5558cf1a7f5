package domain

import (
	"errors"
	"slices"
	"time"
)

// OfferState is where an offer stands in its publication: only published
// offers are public; an offer is archived, never deleted.
type OfferState string

const (
	OfferDraft     OfferState = "draft"
	OfferPublished OfferState = "published"
	OfferArchived  OfferState = "archived"
)

// OfferStates lists the publication states in display order.
var OfferStates = []OfferState{OfferDraft, OfferPublished, OfferArchived}

// OfferStatus is whether the offer itself takes place (HSDS service status).
type OfferStatus string

const (
	OfferActive            OfferStatus = "active"
	OfferTemporarilyClosed OfferStatus = "temporarily_closed"
	OfferEnded             OfferStatus = "ended"
)

// OfferStatuses lists the statuses in display order.
var OfferStatuses = []OfferStatus{OfferActive, OfferTemporarilyClosed, OfferEnded}

// StepFree answers whether the place can be reached without steps.
type StepFree string

// StepFreeAnswers lists the answers in display order.
var StepFreeAnswers = []StepFree{"yes", "no", "unknown"}

// The fixed taxonomies of offers: codes here, labels in web/locales
// (offer.group.*, offer.lang.*). The themes (categories) are each county's
// own (OfferCategory).
var (
	OfferTargetGroups = []string{"erwachsene", "jugendliche", "kinder", "familien", "frauen",
		"gefluechtete", "fachkraefte", "ehrenamtliche"}
	// OfferLanguages are the languages an offer can be given in (ISO 639-1).
	OfferLanguages = []string{"de", "en", "ar", "uk", "tr", "fa", "ru", "fr", "ku", "ti", "pl", "ro", "so", "ps"}
	// TranslationLanguages are the languages an offer's texts are translated
	// into; German is the source.
	TranslationLanguages = []string{"en", "ar", "uk", "tr", "fa", "ru"}
)

// RightToLeft reports whether lang is written from right to left.
func RightToLeft(lang string) bool { return lang == "ar" || lang == "fa" }

// TimeSlot is one opening time on a weekday (1 Monday … 7 Sunday), "HH:MM".
type TimeSlot struct {
	Day  int    `json:"day"`
	From string `json:"from"`
	To   string `json:"to"`
}

// OpeningHours are the structured opening times of an offer.
type OpeningHours struct {
	Slots         []TimeSlot `json:"slots,omitempty"`
	ByAppointment bool       `json:"by_appointment,omitempty"`
}

// OfferFields is what a maintainer sets on an offer.
type OfferFields struct {
	Title         string       `db:"title"`
	Description   string       `db:"description"`
	Provider      string       `db:"provider"`
	Categories    []string     `db:"categories"`
	TargetGroups  []string     `db:"target_groups"`
	Languages     []string     `db:"languages"`
	TownIDs       []int64      `db:"town_ids"` // empty: the whole county
	Street        string       `db:"street"`
	Postcode      string       `db:"postcode"`
	City          string       `db:"city"`
	Latitude      *float64     `db:"latitude"`
	Longitude     *float64     `db:"longitude"`
	Hours         OpeningHours `db:"opening_hours"`
	ContactEmail  string       `db:"contact_email"`
	ContactPhone  string       `db:"contact_phone"`
	Website       string       `db:"website"`
	ContactPerson string       `db:"contact_person"`
	PersonConsent bool         `db:"person_consent"`
	Fees          string       `db:"fees"`
	Eligibility   string       `db:"eligibility"`
	StepFree      StepFree     `db:"step_free"`
	Status        OfferStatus  `db:"status"`
	ClosedUntil   *time.Time   `db:"closed_until"`
	MeasureIDs    []int64      `db:"measure_ids"`
}

// Offer (Angebot) is a local service for migrants: a course, a counselling
// hour, a meeting place.
type Offer struct {
	ID         int64  `db:"id"`
	PublicID   string `db:"public_id"`
	CountyID   int64  `db:"county_id"`
	OwnerOrgID int64  `db:"owner_org_id"`
	OwnerSlug  string `db:"owner_slug"`
	OwnerName  string `db:"owner_name"`
	OfferFields
	State         OfferState `db:"state"`
	ConfirmedAt   time.Time  `db:"confirmed_at"`
	TextChangedAt time.Time  `db:"text_changed_at"`
	UpdatedAt     time.Time  `db:"updated_at"`
	// Version counts saves, for optimistic locking.
	Version int `db:"version"`
	// TownNames are the names of the towns served (empty: county-wide).
	TownNames []string `db:"town_names"`
	// OpenTasks counts changes providers asked for that are not done yet.
	OpenTasks int `db:"open_tasks"`
	// Translations of the German texts, by language code.
	Translations []OfferTranslation `db:"translations"`
	// CategoryNames are the offer's themes with their names, in the
	// county's order.
	CategoryNames OfferCategoryList `db:"category_names"`
}

// OfferTranslation is an offer's texts in another language. It is outdated
// when the German texts changed after it was written.
type OfferTranslation struct {
	Lang         string    `json:"lang"`
	Title        string    `json:"title"`
	Description  string    `json:"description"`
	Fees         string    `json:"fees"`
	Eligibility  string    `json:"eligibility"`
	TranslatedAt time.Time `json:"translated_at"`
	Outdated     bool      `json:"outdated"`
}

// Translation returns the offer's translation into lang, if there is one.
func (o Offer) Translation(lang string) (OfferTranslation, bool) {
	for _, t := range o.Translations {
		if t.Lang == lang {
			return t, true
		}
	}
	return OfferTranslation{}, false
}

// CheckOfferTranslation trims a translation and checks it like the German
// texts: a title is required, every text has its limit.
func CheckOfferTranslation(t OfferTranslation) (OfferTranslation, error) {
	var errs []error
	if !slices.Contains(TranslationLanguages, t.Lang) {
		errs = append(errs, Keyed(CodeNotFound, "", "offer.err.language", "no such translation language"))
	}
	var err error
	t.Title, err = requireText("title", t.Title, MaxOfferTitleLen, "offer.err.titleMissing", "title missing")
	errs = append(errs, err)
	t.Description, err = cleanText("description", t.Description, MaxOfferDescriptionLen)
	errs = append(errs, err)
	t.Fees, err = cleanText("fees", t.Fees, MaxOfferNoteLen)
	errs = append(errs, err)
	t.Eligibility, err = cleanText("eligibility", t.Eligibility, MaxOfferNoteLen)
	errs = append(errs, err)
	return t, errors.Join(errs...)
}

// OfferKey names an offer as its internal address does: the county, the
// organisation that maintains it and its id.
type OfferKey struct {
	CountyID, OwnerOrgID, ID int64
}

// Public reports whether anyone may see the offer without signing in.
func (o Offer) Public() bool { return o.State == OfferPublished && o.Status != OfferEnded }

// Unconfirmed reports whether nobody confirmed the offer for longer than
// period at now.
func (o Offer) Unconfirmed(now time.Time, period time.Duration) bool {
	return period > 0 && now.Sub(o.ConfirmedAt) > period
}

// CountyWide reports whether the offer serves every town of the county.
func (o Offer) CountyWide() bool { return len(o.TownIDs) == 0 }

// OfferStateChange checks a change of publication state: an archived offer
// goes back to draft before it is published again, so that nobody
// republishes outdated data with one click.
func OfferStateChange(from, to OfferState) error {
	if !slices.Contains(OfferStates, to) {
		return Keyed(CodeInvalid, "state", "offer.err.state", "unknown offer state")
	}
	if from == to || (from == OfferArchived && to == OfferPublished) {
		return Keyed(CodeConflict, "", "offer.err.stateStep", "state change not allowed: "+string(from)+" to "+string(to))
	}
	return nil
}

// OfferConfirmPath is where providers answer a confirmation link
// (OfferConfirmPath/<token>), on the page and in the mail.
const OfferConfirmPath = "/bestaetigung"

// MailOfferConfirmation is the kind of the mail that brings a provider a
// confirmation link; no person's setting turns it off (it goes to no person).
const MailOfferConfirmation MailKind = "offer_confirmation"

// NoticeOfferUnconfirmed: public offers of an organisation that nobody
// confirmed for longer than the configured period (the daily scan; Items
// name the offers, Total counts them).
const NoticeOfferUnconfirmed NoticeKind = "offer_unconfirmed"

// OfferLink names a public offer on the pages of the measure it implements.
type OfferLink struct {
	PublicID, Title, Provider string
	Status                    OfferStatus
}

// OfferQuery is a search of the public directory: words and filters by
// code ("" for none), a page of it.
type OfferQuery struct {
	Text, Town, Category, TargetGroup, Language string
	Limit, Offset                               int
	// MissText is counted as a search that found nothing when it finds
	// nothing ("" counts nothing).
	MissText string
}

// OfferResults are one page of hits and the number of all of them.
type OfferResults struct {
	Offers []Offer
	Total  int
}

// SearchMiss is a search text that found nothing and how often it was asked.
type SearchMiss struct {
	Query    string    `db:"query"`
	Misses   int       `db:"misses"`
	LastSeen time.Time `db:"last_seen"`
}

// Answers a provider gives through a confirmation link.
const (
	AnswerConfirmed = "confirmed" // still correct
	AnswerChange    = "change"    // needs a change, described in a text
	AnswerEnded     = "ended"     // the offer has ended
)

// MaxConfirmationTextLen bounds a provider's description of a change.
const MaxConfirmationTextLen = 2000

// ConfirmationAnswer is what a provider answers.
type ConfirmationAnswer struct {
	Answer string
	Text   string
}

// CheckConfirmationAnswer trims the text and checks the answer: a change
// needs its description.
func CheckConfirmationAnswer(a ConfirmationAnswer) (ConfirmationAnswer, error) {
	if !slices.Contains([]string{AnswerConfirmed, AnswerChange, AnswerEnded}, a.Answer) {
		return a, Keyed(CodeInvalid, "answer", "offer.link.answerMissing", "no answer chosen")
	}
	var err error
	if a.Answer == AnswerChange {
		a.Text, err = requireText("text", a.Text, MaxConfirmationTextLen, "offer.link.textMissing", "change not described")
	} else {
		a.Text, err = cleanText("text", a.Text, MaxConfirmationTextLen)
	}
	return a, err
}

// OfferConfirmation is a confirmation link and, once used, its answer.
type OfferConfirmation struct {
	ID         int64      `db:"id"`
	OfferID    int64      `db:"offer_id"`
	CreatedAt  time.Time  `db:"created_at"`
	ExpiresAt  time.Time  `db:"expires_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
	UsedAt     *time.Time `db:"used_at"`
	Answer     *string    `db:"answer"`
	AnswerText string     `db:"answer_text"`
	TaskDoneAt *time.Time `db:"task_done_at"`
	// The offer as its provider knows it (title, provider): nothing internal.
	OfferTitle    string `db:"offer_title"`
	OfferProvider string `db:"offer_provider"`
}

// Refusal says why the link can no longer be used at now, nil if it can.
func (c OfferConfirmation) Refusal(now time.Time) error {
	switch {
	case c.RevokedAt != nil:
		return Keyed(CodeConflict, "", "offer.link.revoked", "link revoked")
	case c.UsedAt != nil:
		return Keyed(CodeConflict, "", "offer.link.used", "link used")
	case !now.Before(c.ExpiresAt):
		return Keyed(CodeConflict, "", "offer.link.expired", "link expired")
	}
	return nil
}

// OpenTask reports whether the provider asked for a change not yet done.
func (c OfferConfirmation) OpenTask() bool {
	return c.Answer != nil && *c.Answer == AnswerChange && c.TaskDoneAt == nil
}

// PlanPublication is what the KI publishes of a plan: nothing, the state
// per action field and measure over all towns, or that and each town's.
type PlanPublication struct {
	PlanID    int64
	Published bool
	PerTown   bool
}
