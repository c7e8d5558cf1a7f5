package domain

import (
	"errors"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// OfferCategory is a theme (Thema) of offers, one entry of the small
// taxonomy a county's KI keeps. Its Code is made once from the German name
// and never changes, so that offers and filter addresses keep meaning the
// same theme when it is renamed.
type OfferCategory struct {
	ID       int64  `db:"id" json:"-"`
	CountyID int64  `db:"county_id" json:"-"`
	Code     string `db:"code" json:"code"`
	LabelDE  string `db:"label_de" json:"de"`
	LabelEN  string `db:"label_en" json:"en"`
	Position int    `db:"position" json:"-"`
	// Hidden: no longer offered in forms and filters; offers keep it.
	Hidden  bool `db:"hidden" json:"-"`
	Version int  `db:"version" json:"-"`
	// Offers counts the offers that have the theme (the editor shows it).
	Offers int `db:"offers" json:"-"`
}

// Label is the theme's name in lang; German where no English name is set.
func (c OfferCategory) Label(lang string) string {
	if lang == "en" && c.LabelEN != "" {
		return c.LabelEN
	}
	return c.LabelDE
}

// OfferCategoryList is a county's themes in their order.
type OfferCategoryList []OfferCategory

// Visible lists the themes still offered in forms and filters.
func (l OfferCategoryList) Visible() OfferCategoryList {
	var out OfferCategoryList
	for _, c := range l {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// Find returns the theme of code.
func (l OfferCategoryList) Find(code string) (OfferCategory, bool) {
	for _, c := range l {
		if c.Code == code {
			return c, true
		}
	}
	return OfferCategory{}, false
}

// Labels names the themes of codes in lang, in the list's order; a code the
// list does not know is left out.
func (l OfferCategoryList) Labels(codes []string, lang string) []string {
	var out []string
	for _, c := range l {
		for _, code := range codes {
			if c.Code == code {
				out = append(out, c.Label(lang))
			}
		}
	}
	return out
}

// Limits of a theme's names and of the taxonomy, as the database checks them.
const (
	MaxOfferCategoryLabelLen = 80
	MaxOfferCategories       = 100
)

// OfferCategoryFields is what the KI sets on a theme.
type OfferCategoryFields struct {
	LabelDE  string
	LabelEN  string
	Position int // 0: at the end (new themes)
	Hidden   bool
}

// CheckOfferCategory trims the names and checks them; every refused field
// is reported (errors.Join).
func CheckOfferCategory(f OfferCategoryFields) (OfferCategoryFields, error) {
	var errs []error
	var err error
	f.LabelDE, err = requireText("label_de", f.LabelDE, MaxOfferCategoryLabelLen, "offerCategory.err.labelMissing", "German name missing")
	if err != nil {
		errs = append(errs, err)
	}
	if f.LabelEN, err = cleanText("label_en", f.LabelEN, MaxOfferCategoryLabelLen); err != nil {
		errs = append(errs, err)
	}
	if f.Position < 0 || f.Position > MaxOfferCategories {
		errs = append(errs, Keyed(CodeInvalid, "position", "offerCategory.err.position", "position out of range"))
	}
	if err := errors.Join(errs...); err != nil {
		return f, err
	}
	if OfferCategoryCode(f.LabelDE) == "" {
		return f, Keyed(CodeInvalid, "label_de", "offerCategory.err.noLetters", "name without letters or digits")
	}
	return f, nil
}

// OfferCategoryCode makes a theme's code from its German name, spelt as a
// keyboard without umlauts would ("Gesundheit & Pflege" → "gesundheit-pflege").
func OfferCategoryCode(label string) string {
	var b strings.Builder
	dash := false
	// Decomposed, "é" is "e" and a mark, which is skipped below; umlauts
	// are spelt out before that.
	label = umlautSpelling.Replace(strings.ToLower(label))
	for _, r := range norm.NFD.String(label) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
	}
	code := strings.Trim(b.String(), "-")
	if len(code) > 32 {
		code = strings.TrimRight(code[:32], "-")
	}
	return code
}
