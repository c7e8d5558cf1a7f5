package server

import "github.com/planwerk/planwerk/internal/domain"

// offerBadgeArgs is what the "offer-badges" partial shows.
type offerBadgeArgs struct {
	V           view
	O           domain.Offer
	Unconfirmed bool
}

// offerBadges: {{template "offer-badges" (offerBadges $ .Offer true)}}.
func offerBadges(v view, o domain.Offer, unconfirmed bool) offerBadgeArgs {
	return offerBadgeArgs{V: v, O: o, Unconfirmed: unconfirmed}
}

// translationInputArgs is one input of a translation form.
type translationInputArgs struct {
	V                             view
	Name, Value, Error, Lang, Dir string
	Max                           int
}

// translationInput: {{template "translation-input" (translationInput $ "title" .Form.Title err lang dir 200)}}.
func translationInput(v view, name, value, errText, lang, dir string, max int) translationInputArgs {
	return translationInputArgs{V: v, Name: name, Value: value, Error: errText, Lang: lang, Dir: dir, Max: max}
}
