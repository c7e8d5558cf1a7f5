package server

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	offersvc "github.com/planwerk/planwerk/internal/service/offer"
)

// publicIDPattern is the form of an offer's public id; anything else is not
// looked up at all.
var publicIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// directoryData is the public directory: the search, its filters and a page
// of hits.
type directoryData struct {
	Query       directoryQuery
	Results     domain.OfferResults
	Towns       []domain.Organisation
	Categories  domain.OfferCategoryList
	Groups      []string
	Languages   []string
	Unconfirmed map[int64]bool
	// Page is the page shown (1-based); Prev and Next their addresses, "" if none.
	Page, Pages int
	Prev, Next  string
	// Licence is the open data's licence.
	Licence string
	// Without lists the addresses of the same search without each filter,
	// for an empty result.
	Without []filterLink
}

type directoryQuery struct {
	Text, Town, Category, Group, Language string
}

type filterLink struct {
	Kind, Value, Href string
}

// values is the query as the directory's address carries it.
func (q directoryQuery) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"q": q.Text, "ort": q.Town, "thema": q.Category, "gruppe": q.Group,
		"sprache": q.Language} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

func (q directoryQuery) href(page int) string {
	v := q.values()
	if page > 1 {
		v.Set("seite", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/angebote"
	}
	return "/angebote?" + v.Encode()
}

// readDirectoryQuery reads the search from the address; a filter value that
// is not a known code is dropped, not searched for.
func readDirectoryQuery(c *gin.Context, towns []domain.Organisation, themes domain.OfferCategoryList) directoryQuery {
	known := func(v string, list []string) string {
		if slices.Contains(list, v) {
			return v
		}
		return ""
	}
	q := directoryQuery{Text: echo(c.Query("q"), 100), Group: known(c.Query("gruppe"), domain.OfferTargetGroups), Language: known(c.Query("sprache"), domain.OfferLanguages)}
	if k, ok := themes.Find(c.Query("thema")); ok {
		q.Category = k.Code
	}
	for _, t := range towns {
		if t.Slug == c.Query("ort") {
			q.Town = t.Slug
		}
	}
	return q
}

// publicOffers is the directory anyone may use: search, filters, ranked hits.
func (s *Server) publicOffers(c *gin.Context) {
	ctx := c.Request.Context()
	towns, err := s.services.Offers.Towns(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	themes, err := s.services.Offers.DirectoryCategories(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := readDirectoryQuery(c, towns, themes)
	page, _ := strconv.Atoi(c.Query("seite"))
	page = max(1, min(page, 500))
	res, err := s.services.Offers.Search(ctx, domain.OfferQuery{Text: q.Text, Town: q.Town, Category: q.Category,
		TargetGroup: q.Group, Language: q.Language, Limit: offersvc.PageSize, Offset: (page - 1) * offersvc.PageSize})
	if err != nil {
		s.fail(c, err)
		return
	}
	d := directoryData{Query: q, Results: res, Towns: towns, Categories: themes,
		Groups: domain.OfferTargetGroups, Languages: domain.OfferLanguages, Page: page,
		Pages: (res.Total + offersvc.PageSize - 1) / offersvc.PageSize, Unconfirmed: map[int64]bool{},
		Licence: s.services.Offers.Licence()}
	now, period := s.services.Offers.Now(), s.services.Offers.UnconfirmedAfter()
	for _, o := range res.Offers {
		d.Unconfirmed[o.ID] = o.Unconfirmed(now, period)
	}
	if page > 1 {
		d.Prev = q.href(page - 1)
	}
	if page < d.Pages {
		d.Next = q.href(page + 1)
	}
	if res.Total == 0 {
		d.Without = withoutEachFilter(q)
	}
	s.render(c, http.StatusOK, "public_offers", view{Title: "public.directory.title", Nav: "angebote", Data: d})
}

// withoutEachFilter lists the same search without one of its filters (or
// words) each, for a search that found nothing.
func withoutEachFilter(q directoryQuery) []filterLink {
	var out []filterLink
	add := func(kind, value string, drop func(*directoryQuery)) {
		if value == "" {
			return
		}
		w := q
		drop(&w)
		out = append(out, filterLink{Kind: kind, Value: value, Href: w.href(1)})
	}
	add("text", q.Text, func(w *directoryQuery) { w.Text = "" })
	add("town", q.Town, func(w *directoryQuery) { w.Town = "" })
	add("category", q.Category, func(w *directoryQuery) { w.Category = "" })
	add("group", q.Group, func(w *directoryQuery) { w.Group = "" })
	add("language", q.Language, func(w *directoryQuery) { w.Language = "" })
	return out
}

// publicOfferData is one public offer.
type publicOfferData struct {
	Offer       domain.Offer
	Unconfirmed bool
	Days        []int
	// Text is the translation chosen (?uebersetzung=ar), nil for none;
	// Dir its writing direction.
	Text *domain.OfferTranslation
	Dir  string
}

// publicOffer shows one published offer; drafts and archived offers are not
// found, an ended one says it ended (410).
func (s *Server) publicOffer(c *gin.Context) {
	o, ok := s.findPublicOffer(c)
	if !ok {
		return
	}
	status := http.StatusOK
	if o.Status == domain.OfferEnded {
		status = http.StatusGone
	}
	d := publicOfferData{Offer: o, Days: []int{1, 2, 3, 4, 5, 6, 7},
		Unconfirmed: o.Unconfirmed(s.services.Offers.Now(), s.services.Offers.UnconfirmedAfter())}
	if t, ok := o.Translation(c.Query("uebersetzung")); ok {
		d.Text, d.Dir = &t, "ltr"
		if domain.RightToLeft(t.Lang) {
			d.Dir = "rtl"
		}
	}
	s.render(c, status, "public_offer", view{Title: o.Title, Nav: "angebote",
		Crumbs: []crumb{{Label: "public.directory.title", Href: "/angebote"}, {Label: o.Title}}, Data: d})
}

func (s *Server) findPublicOffer(c *gin.Context) (domain.Offer, bool) {
	ref := c.Param("ref")
	if !publicIDPattern.MatchString(ref) {
		s.notFound(c)
		return domain.Offer{}, false
	}
	o, err := s.services.Offers.Public(c.Request.Context(), ref)
	if err != nil {
		s.fail(c, err)
		return domain.Offer{}, false
	}
	return o, true
}
