package domain

import (
	"errors"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Text limits of an offer, in characters; the database checks the same.
const (
	MaxOfferTitleLen       = 200
	MaxOfferDescriptionLen = 5000
	MaxOfferShortLen       = 200
	MaxOfferNoteLen        = 1000
)

var (
	postcodePattern = regexp.MustCompile(`^([0-9]{5})?$`)
	phonePattern    = regexp.MustCompile(`^[0-9 +()/-]{0,40}$`)
	clockPattern    = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

// CheckOffer trims an offer's texts and checks every field; all refused
// fields are reported together (errors.Join), each on its form field.
func CheckOffer(f OfferFields) (OfferFields, error) {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
	f.Title, err = requireText("title", f.Title, MaxOfferTitleLen, "offer.err.titleMissing", "title missing")
	add(err)
	f.Provider, err = requireText("provider", f.Provider, MaxOfferShortLen, "offer.err.providerMissing", "provider missing")
	add(err)
	for _, t := range []struct {
		field string
		text  *string
		max   int
	}{{"description", &f.Description, MaxOfferDescriptionLen}, {"street", &f.Street, MaxOfferShortLen},
		{"city", &f.City, 100}, {"contact_person", &f.ContactPerson, MaxOfferShortLen},
		{"fees", &f.Fees, MaxOfferNoteLen}, {"eligibility", &f.Eligibility, MaxOfferNoteLen},
		{"postcode", &f.Postcode, 5}, {"contact_phone", &f.ContactPhone, 40},
		{"contact_email", &f.ContactEmail, 320}, {"website", &f.Website, 500}} {
		*t.text, err = cleanText(t.field, *t.text, t.max)
		add(err)
	}
	add(checkCodes("target_groups", f.TargetGroups, OfferTargetGroups))
	add(checkCodes("languages", f.Languages, OfferLanguages))
	add(checkOfferContact(f))
	add(checkHours(f.Hours))
	add(checkPlace(f))
	add(checkStatus(f))
	return f, errors.Join(errs...)
}

func checkCodes(field string, codes, known []string) error {
	for _, c := range codes {
		if !slices.Contains(known, c) {
			return Keyed(CodeInvalid, field, "offer.err.choice", "unknown code")
		}
	}
	return nil
}

func checkOfferContact(f OfferFields) error {
	var errs []error
	if f.ContactEmail != "" {
		if a, err := mail.ParseAddress(f.ContactEmail); err != nil || a.Address != f.ContactEmail {
			errs = append(errs, Keyed(CodeInvalid, "contact_email", "offer.err.email", "not an e-mail address"))
		}
	}
	if !phonePattern.MatchString(f.ContactPhone) {
		errs = append(errs, Keyed(CodeInvalid, "contact_phone", "offer.err.phone", "not a phone number"))
	}
	if f.Website != "" {
		u, err := url.Parse(f.Website)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, Keyed(CodeInvalid, "website", "offer.err.website", "not a web address"))
		}
	}
	if f.ContactPerson != "" && !f.PersonConsent {
		errs = append(errs, Keyed(CodeInvalid, "contact_person", "offer.err.consent", "person without consent"))
	}
	return errors.Join(errs...)
}

func checkHours(h OpeningHours) error {
	for _, s := range h.Slots {
		if s.Day < 1 || s.Day > 7 || !clockPattern.MatchString(s.From) || !clockPattern.MatchString(s.To) ||
			strings.Compare(s.From, s.To) >= 0 {
			return Keyed(CodeInvalid, "hours", "offer.err.hours", "bad time slot")
		}
	}
	return nil
}

func checkPlace(f OfferFields) error {
	var errs []error
	if !postcodePattern.MatchString(f.Postcode) {
		errs = append(errs, Keyed(CodeInvalid, "postcode", "offer.err.postcode", "postcode not 5 digits"))
	}
	lat, lon := f.Latitude, f.Longitude
	if (lat == nil) != (lon == nil) || lat != nil && (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
		errs = append(errs, Keyed(CodeInvalid, "coordinates", "offer.err.coordinates", "bad coordinates"))
	}
	return errors.Join(errs...)
}

func checkStatus(f OfferFields) error {
	var errs []error
	if !slices.Contains(OfferStatuses, f.Status) {
		errs = append(errs, Keyed(CodeInvalid, "status", "offer.err.choice", "unknown status"))
	}
	if f.ClosedUntil != nil && f.Status != OfferTemporarilyClosed {
		errs = append(errs, Keyed(CodeInvalid, "closed_until", "offer.err.closedUntil", "closed until without closure"))
	}
	if !slices.Contains(StepFreeAnswers, f.StepFree) {
		errs = append(errs, Keyed(CodeInvalid, "step_free", "offer.err.choice", "unknown step-free answer"))
	}
	return errors.Join(errs...)
}
