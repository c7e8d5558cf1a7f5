package server

import (
	"slices"
	"strconv"

	"github.com/planwerk/planwerk/internal/domain"
)

// supportForm is what the support forms send, kept as typed so that a
// refused form comes back as the user left it.
type supportForm struct {
	Version  string
	Request  string
	Decision string
	Reason   string
}

// supportView is what the "support-section" and "support-forms" templates
// (partials/support.html) receive.
type supportView struct {
	V    view // the page's view: translations, permissions
	Org  domain.Organisation
	Impl domain.ImplementationDetail
	// Show is true for insiders (the municipality itself, the KI,
	// administrators); the committee and other towns see nothing of it.
	Show bool
	// CanRequest: the viewer may ask and the current state allows a request.
	CanRequest bool
	// MayRequest: the viewer may ask, whatever the state (to explain a wait).
	MayRequest bool
	// Answers are the answers the KI may give from the current state.
	Answers []domain.Support
	Form    supportForm
	Errors  map[string]string // translated messages by field
}

// supportArgs prepares the support section of an implementation page for the
// signed-in viewer: {{template "support-section" (supportArgs $ .Data.Org .Data.Impl .Data.Support)}}.
// The handler has asked the domain which steps are open (choices); this
// only arranges them for the partial.
func supportArgs(v view, org domain.Organisation, d domain.ImplementationDetail, choices domain.SupportChoices) supportView {
	sv := supportView{V: v, Org: org, Impl: d, Form: supportForm{Version: strconv.Itoa(d.Version)}}
	if v.Perms == nil {
		return sv
	}
	sv.MayRequest, sv.CanRequest, sv.Answers = choices.MayRequest, choices.CanRequest, choices.Answers
	// No answer is preselected: the KI chooses one (the form says so when
	// none is chosen); a single possible answer is a button of its own.
	sv.Show = sv.MayRequest || v.Can("support", "answer") || v.Can("contact", "read")
	return sv
}

// supportFormData is the data of the support_form page: a support form that
// was refused, shown again with the input kept.
type supportFormData struct {
	Org    domain.Organisation
	Impl   domain.ImplementationDetail
	Form   supportForm
	Errors map[string]string
	// Message is the translated summary above the form.
	Message string
	// Conflict is true when someone else changed the implementation meanwhile.
	Conflict bool
	// Support are the support steps open to the viewer now.
	Support domain.SupportChoices
}

// supportRetry prepares the forms of the support_form page from its data.
func supportRetry(v view) supportView {
	d, _ := v.Data.(supportFormData)
	sv := supportArgs(v, d.Org, d.Impl, d.Support)
	form := d.Form
	form.Version = strconv.Itoa(d.Impl.Version) // after a conflict: the version now current
	if !slices.Contains(sv.Answers, domain.Support(form.Decision)) {
		form.Decision = "" // none chosen, or the state changed meanwhile: offer what is possible now
	}
	sv.Form, sv.Errors = form, d.Errors
	return sv
}

// declinable reports whether declining is among the answers: only then does
// the answer form mention the reason a refusal needs.
func declinable(answers []domain.Support) bool {
	return slices.Contains(answers, domain.SupportDeclined)
}
