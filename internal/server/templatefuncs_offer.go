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
