package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// OpenOffer is a public offer as open data: what its public page shows.
type OpenOffer struct {
	ID            string   `json:"id" doc:"Öffentliche Kennung; die Seite ist /angebote/{id}"`
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	Provider      string   `json:"provider"`
	Categories    []string `json:"categories" doc:"Kennungen der Themen des Kreises"`
	CategoryNames []string `json:"category_names" doc:"Deutsche Namen der Themen, in der Reihenfolge von categories"`
	TargetGroups  []string `json:"target_groups"`
	Languages     []string `json:"languages" doc:"Sprachen, in denen das Angebot stattfindet (ISO 639-1)"`
	Towns         []string `json:"towns" doc:"Kommunen; leer: der ganze Kreis"`
	Street        string   `json:"street"`
	Postcode      string   `json:"postcode"`
	City          string   `json:"city"`
	Latitude      *float64 `json:"latitude,omitempty"`
	Longitude     *float64 `json:"longitude,omitempty"`
	Email         string   `json:"email"`
	Phone         string   `json:"phone"`
	Website       string   `json:"website"`
	Fees          string   `json:"fees"`
	Eligibility   string   `json:"eligibility"`
	StepFree      string   `json:"step_free" enum:"yes,no,unknown"`
	Status        string   `json:"status" enum:"active,temporarily_closed"`
	ConfirmedAt   string   `json:"confirmed_at" format:"date-time" doc:"Zuletzt bestätigt (HSDS assured date)"`
	ModifiedAt    string   `json:"modified_at" format:"date-time"`
}

// OpenOffers is one page of public offers.
type OpenOffers struct {
	Licence    string      `json:"licence"`
	Offers     []OpenOffer `json:"offers"`
	NextCursor string      `json:"next_cursor,omitempty" doc:"Für die nächste Seite als cursor mitgeben; fehlt auf der letzten"`
}

type openOffersInput struct {
	Cursor        string `query:"cursor" doc:"next_cursor der vorigen Seite"`
	ModifiedSince string `query:"modified_since" format:"date-time" doc:"nur Angebote, die seitdem geändert wurden"`
	Limit         int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
	IfNoneMatch   string `header:"If-None-Match"`
}

func (a *API) registerOpenData() {
	register(a, huma.Operation{OperationID: "list-public-offers", Method: http.MethodGet, Path: "/public/offers",
		Summary: "Öffentliche Angebote (offene Daten)", Tags: []string{"Offene Daten"},
		Description: "Die veröffentlichten Angebote aller Kreise, ohne Zugang. Seitenweise nach cursor; " +
			"mit ETag (304 bei If-None-Match) und Cache-Control; CORS für GET offen."},
		public, a.listPublicOffers)
}

func (a *API) listPublicOffers(ctx context.Context, in *openOffersInput) (*openOutput[OpenOffers], error) {
	after, since, err := parsePage(in.Cursor, in.ModifiedSince)
	if err != nil {
		return nil, err
	}
	offers, err := a.deps.Store.FindOpenOffers(ctx, after, since, in.Limit+1)
	if err != nil {
		return nil, a.fail("/public/offers", err)
	}
	body := &OpenOffers{Licence: a.licence(), Offers: make([]OpenOffer, 0, len(offers))}
	if len(offers) > in.Limit {
		offers = offers[:in.Limit]
		body.NextCursor = strconv.FormatInt(offers[len(offers)-1].ID, 10)
	}
	for _, o := range offers {
		body.Offers = append(body.Offers, openOfferOf(o))
	}
	return openAnswer(body, in.IfNoneMatch), nil
}

func openOfferOf(o domain.Offer) OpenOffer {
	towns := o.TownNames
	if towns == nil {
		towns = []string{}
	}
	return OpenOffer{ID: o.PublicID, Title: o.Title, Description: o.Description, Provider: o.Provider,
		Categories: nonNilStrings(o.Categories), CategoryNames: categoryNames(o), TargetGroups: nonNilStrings(o.TargetGroups),
		Languages: nonNilStrings(o.Languages), Towns: towns, Street: o.Street, Postcode: o.Postcode, City: o.City,
		Latitude: o.Latitude, Longitude: o.Longitude, Email: o.ContactEmail, Phone: o.ContactPhone, Website: o.Website,
		Fees: o.Fees, Eligibility: o.Eligibility, StepFree: string(o.StepFree), Status: string(o.Status),
		ConfirmedAt: instant(o.ConfirmedAt), ModifiedAt: instant(o.UpdatedAt)}
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// categoryNames are the German names of the offer's themes, code by code.
func categoryNames(o domain.Offer) []string {
	out := make([]string, 0, len(o.Categories))
	for _, code := range o.Categories {
		if k, ok := o.CategoryNames.Find(code); ok {
			out = append(out, k.LabelDE)
		} else {
			out = append(out, code)
		}
	}
	return out
}
