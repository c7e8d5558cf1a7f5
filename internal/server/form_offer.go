package server

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	offersvc "github.com/planwerk/planwerk/internal/service/offer"
)

// offerForm is the offer form as typed: the raw values, so that validation
// sees them whole and a refused form comes back as sent (echo cuts each to
// what its field holds).
type offerForm url.Values

// offerTextFields are the form's single values with the longest text each
// holds.
var offerTextFields = map[string]int{"title": domain.MaxOfferTitleLen, "provider": domain.MaxOfferShortLen,
	"description": domain.MaxOfferDescriptionLen, "street": domain.MaxOfferShortLen, "postcode": 5, "city": 100,
	"latitude": 20, "longitude": 20, "contact_email": 320, "contact_phone": 40, "website": 500,
	"contact_person": domain.MaxOfferShortLen, "person_consent": 2, "fees": domain.MaxOfferNoteLen,
	"eligibility": domain.MaxOfferNoteLen, "step_free": maxChoiceEcho, "status": maxChoiceEcho,
	"closed_until": 10, "by_appointment": 2}

// offerListFields are the form's multiple choices.
var offerListFields = []string{"categories", "target_groups", "languages", "towns", "measures"}

// hourField names the input of one opening time: day 1–7, slot 1–2, "from"/"to".
func hourField(day, slot int, end string) string { return fmt.Sprintf("h%d_%d_%s", day, slot, end) }

// readOfferForm keeps what the form sent: its fields, and of each list at
// most 200 choices (more than any county has towns or measures).
func readOfferForm(v url.Values) offerForm {
	f := offerForm{}
	for name := range offerTextFields {
		f[name] = []string{v.Get(name)}
	}
	for _, name := range offerListFields {
		list := v[name]
		f[name] = list[:min(len(list), 200)]
	}
	forEachHourField(func(n string) { f[n] = []string{v.Get(n)} })
	return f
}

// echo is the form cut to what its fields hold, to be shown again.
func (f offerForm) echo() offerForm {
	out := offerForm{}
	for name, max := range offerTextFields {
		out[name] = []string{echo(f.Get(name), max)}
	}
	for _, name := range offerListFields {
		for _, x := range f[name] {
			out[name] = append(out[name], echo(x, maxNumberEcho))
		}
	}
	forEachHourField(func(n string) { out[n] = []string{echo(f.Get(n), len("00:00"))} })
	return out
}

func forEachHourField(do func(name string)) {
	for day := 1; day <= 7; day++ {
		for slot := 1; slot <= 2; slot++ {
			for _, end := range []string{"from", "to"} {
				do(hourField(day, slot, end))
			}
		}
	}
}

// offerFormOf fills the form from a stored offer.
func offerFormOf(o domain.Offer) offerForm {
	f := offerForm{}
	set := func(k, v string) { f[k] = []string{v} }
	fs := o.OfferFields
	for k, v := range map[string]string{"title": fs.Title, "provider": fs.Provider, "description": fs.Description,
		"street": fs.Street, "postcode": fs.Postcode, "city": fs.City, "contact_email": fs.ContactEmail,
		"contact_phone": fs.ContactPhone, "website": fs.Website, "contact_person": fs.ContactPerson,
		"fees": fs.Fees, "eligibility": fs.Eligibility, "step_free": string(fs.StepFree), "status": string(fs.Status)} {
		set(k, v)
	}
	if fs.Latitude != nil {
		set("latitude", strconv.FormatFloat(*fs.Latitude, 'f', -1, 64))
		set("longitude", strconv.FormatFloat(*fs.Longitude, 'f', -1, 64))
	}
	if fs.PersonConsent {
		set("person_consent", "1")
	}
	if fs.Hours.ByAppointment {
		set("by_appointment", "1")
	}
	if fs.ClosedUntil != nil {
		set("closed_until", fs.ClosedUntil.Format(time.DateOnly))
	}
	f["categories"], f["target_groups"], f["languages"] = fs.Categories, fs.TargetGroups, fs.Languages
	for _, id := range fs.TownIDs {
		f["towns"] = append(f["towns"], strconv.FormatInt(id, 10))
	}
	for _, id := range fs.MeasureIDs {
		f["measures"] = append(f["measures"], strconv.FormatInt(id, 10))
	}
	seen := map[int]int{}
	for _, s := range fs.Hours.Slots {
		if seen[s.Day] < 2 {
			seen[s.Day]++
			set(hourField(s.Day, seen[s.Day], "from"), s.From)
			set(hourField(s.Day, seen[s.Day], "to"), s.To)
		}
	}
	return f
}

// newOfferForm is the form of a new offer: active, step-free unknown.
func newOfferForm() offerForm {
	return offerForm{"status": {string(domain.OfferActive)}, "step_free": {"unknown"}}
}

func (f offerForm) Get(k string) string { return url.Values(f).Get(k) }

// Has reports whether a multiple choice includes v.
func (f offerForm) Has(k, v string) bool { return slices.Contains(f[k], v) }

// fields turns the form into what the service checks. Values the form
// cannot hold (a coordinate that is no number, a date that is none) are
// refused on their field here; everything else the service judges.
func (f offerForm) fields() (domain.OfferFields, []error) {
	var errs []error
	o := domain.OfferFields{Title: f.Get("title"), Provider: f.Get("provider"), Description: f.Get("description"),
		Street: f.Get("street"), Postcode: f.Get("postcode"), City: f.Get("city"),
		ContactEmail: f.Get("contact_email"), ContactPhone: f.Get("contact_phone"), Website: f.Get("website"),
		ContactPerson: f.Get("contact_person"), PersonConsent: f.Get("person_consent") == "1",
		Fees: f.Get("fees"), Eligibility: f.Get("eligibility"), StepFree: domain.StepFree(f.Get("step_free")),
		Status: domain.OfferStatus(f.Get("status")), Categories: f["categories"], TargetGroups: f["target_groups"],
		Languages: f["languages"]}
	o.Hours.ByAppointment = f.Get("by_appointment") == "1"
	for _, pair := range []struct {
		name string
		dst  *[]int64
	}{{"towns", &o.TownIDs}, {"measures", &o.MeasureIDs}} {
		for _, v := range f[pair.name] {
			id, ok := parseID(v)
			if !ok {
				id = -1 // no record has it: the store refuses it on the field
			}
			*pair.dst = append(*pair.dst, id)
		}
	}
	if lat, lon := strings.TrimSpace(f.Get("latitude")), strings.TrimSpace(f.Get("longitude")); lat != "" || lon != "" {
		a, errA := strconv.ParseFloat(strings.ReplaceAll(lat, ",", "."), 64)
		b, errB := strconv.ParseFloat(strings.ReplaceAll(lon, ",", "."), 64)
		if errA != nil || errB != nil {
			errs = append(errs, domain.Keyed(domain.CodeInvalid, "coordinates", "offer.err.coordinates", "not numbers"))
		} else {
			o.Latitude, o.Longitude = &a, &b
		}
	}
	if d := strings.TrimSpace(f.Get("closed_until")); d != "" {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			errs = append(errs, domain.Keyed(domain.CodeInvalid, "closed_until", "offer.err.date", "not a date"))
		} else {
			o.ClosedUntil = &t
		}
	}
	for day := 1; day <= 7; day++ {
		for slot := 1; slot <= 2; slot++ {
			from, to := f.Get(hourField(day, slot, "from")), f.Get(hourField(day, slot, "to"))
			if from != "" || to != "" {
				o.Hours.Slots = append(o.Hours.Slots, domain.TimeSlot{Day: day, From: from, To: to})
			}
		}
	}
	return o, errs
}

// checkedOfferFields are the form's fields, or every problem with them: what
// the form could not read joined with what the offer rules refuse, so that
// one answer marks every field.
func (s *Server) checkedOfferFields(ctx context.Context, sc domain.PlanScope, f offerForm) (domain.OfferFields, error) {
	fields, parseErrs := f.fields()
	if len(parseErrs) == 0 {
		return fields, nil
	}
	return fields, errors.Join(append(parseErrs, s.services.Offers.Check(ctx, sc, fields))...)
}

// offerFormData is what the offer form page shows.
type offerFormData struct {
	Offer   domain.Offer // zero for a new offer
	Form    offerForm
	Choices offersvc.Choices
	Errors  map[string]string
	Summary string
	// Conflict: someone saved meanwhile; Differences shows where.
	Conflict    bool
	Differences []difference
	Version     int
	Days        []int
	Groups      []string
	Languages   []string
	Statuses    []domain.OfferStatus
	StepFree    []domain.StepFree
}

// offerInput is one input of the offer form, for the "offer-input" partial.
type offerInput struct {
	V                        view
	Name, Kind, Value, Error string
	Max                      int
	Optional                 bool
}

// Input describes the input name of kind ("text", "email", "tel", "url",
// "textarea", "date") for the page v.
func (d offerFormData) Input(v view, name, kind string, max int, optional bool) offerInput {
	return offerInput{V: v, Name: name, Kind: kind, Value: d.Form.Get(name), Error: d.Errors[name], Max: max,
		Optional: optional}
}

// Hour is the value of an opening-time input.
func (d offerFormData) Hour(day, slot int, end string) string {
	return d.Form.Get(hourField(day, slot, end))
}

// HourName is the name of an opening-time input.
func (d offerFormData) HourName(day, slot int, end string) string { return hourField(day, slot, end) }

// Action is where the form is sent.
func (d offerFormData) Action(v view) string {
	if d.Offer.ID == 0 {
		return offersPath(v.Scope) + "/neu"
	}
	return offerPath(v.Scope, d.Offer.ID) + "/bearbeiten"
}

// IDText is an id as a form sends it.
func (d offerFormData) IDText(id int64) string { return strconv.FormatInt(id, 10) }

// offerChecks is a group of checkboxes of the offer form.
type offerChecks struct {
	V       view
	Name    string
	Error   string
	Options []offerCheck
}

type offerCheck struct {
	Value, Label string
	Checked      bool
}

// Checks describes the checkboxes name with the codes of list, labelled by
// prefix + code.
func (d offerFormData) Checks(v view, name string, list []string, prefix string) offerChecks {
	c := offerChecks{V: v, Name: name, Error: d.Errors[name]}
	for _, code := range list {
		c.Options = append(c.Options, offerCheck{Value: code, Label: v.T(prefix + code), Checked: d.Form.Has(name, code)})
	}
	return c
}

// CategoryChecks describes the checkboxes of the county's themes: the
// visible ones, and a hidden one only where the offer has it still.
func (d offerFormData) CategoryChecks(v view) offerChecks {
	c := offerChecks{V: v, Name: "categories", Error: d.Errors["categories"]}
	for _, k := range d.Choices.Categories {
		checked := d.Form.Has("categories", k.Code)
		if !k.Hidden || checked {
			c.Options = append(c.Options, offerCheck{Value: k.Code, Label: k.Label(v.Lang()), Checked: checked})
		}
	}
	return c
}
