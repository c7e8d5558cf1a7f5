package seed

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestConceptFieldsInOrder(t *testing.T) {
	want := []string{"Sprache", "Bildung", "Arbeit und Ausbildung", "Wohnen", "Gesundheit",
		"Teilhabe und Zusammenleben", "Interkulturelle Öffnung und Antidiskriminierung"}
	c := CoesfeldConcept()
	if len(c.Fields) != len(want) {
		t.Fatalf("fields = %d, want %d", len(c.Fields), len(want))
	}
	for i, f := range c.Fields {
		if f.Title != want[i] || f.Code != string(rune('1'+i)) {
			t.Errorf("field %d = %s %q, want %d %q", i, f.Code, f.Title, i+1, want[i])
		}
	}
}

func TestConceptCatalogueShape(t *testing.T) {
	c := CoesfeldConcept()
	goals, measures, county := 0, 0, 0
	for _, f := range c.Fields {
		if n := len(f.Goals); n < 3 || n > 5 {
			t.Errorf("field %s has %d goals, want 3–5", f.Code, n)
		}
		goals += len(f.Goals)
		for _, g := range f.Goals {
			measures += len(g.Measures)
			for _, m := range g.Measures {
				if m.Scope == domain.ScopeCounty {
					county++
				}
			}
		}
	}
	if goals < 25 || measures < 80 {
		t.Errorf("goals = %d (want ≥ 25), measures = %d (want ≥ 80)", goals, measures)
	}
	if share := county * 100 / measures; share < 20 || share > 35 {
		t.Errorf("county-wide measures = %d of %d (%d %%), want roughly a quarter", county, measures, share)
	}
}

func TestConceptCodesNestAndAreUnique(t *testing.T) {
	seen := map[string]bool{}
	unique := func(code string) {
		if seen[code] {
			t.Errorf("code %s used twice", code)
		}
		seen[code] = true
	}
	for _, f := range CoesfeldConcept().Fields {
		unique(f.Code)
		for _, g := range f.Goals {
			unique(g.Code)
			if !strings.HasPrefix(g.Code, f.Code+".") {
				t.Errorf("goal %s is not in field %s", g.Code, f.Code)
			}
			for _, m := range g.Measures {
				unique(m.Code)
				if !strings.HasPrefix(m.Code, g.Code+".") {
					t.Errorf("measure %s is not in goal %s", m.Code, g.Code)
				}
			}
		}
	}
}

func TestConceptTexts(t *testing.T) {
	check := func(code, title, desc string, maxTitle int) {
		if title == "" || utf8.RuneCountInString(title) > maxTitle {
			t.Errorf("%s: title %q empty or longer than %d", code, title, maxTitle)
		}
		if desc == "" || strings.Count(desc, ". ")+1 > 3 {
			t.Errorf("%s: description should have one to three sentences: %q", code, desc)
		}
		if strings.Contains(title+desc, "  ") || strings.HasSuffix(title, ".") {
			t.Errorf("%s: untidy text %q", code, title)
		}
	}
	for _, f := range CoesfeldConcept().Fields {
		check(f.Code, f.Title, f.Description, 300)
		for _, g := range f.Goals {
			check(g.Code, g.Title, g.Description, 500)
			for _, m := range g.Measures {
				check(m.Code, m.Title, m.Description, 500)
			}
		}
	}
}

func TestOrganisations(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	orgs := Organisations()
	if len(orgs) != 12 {
		t.Fatalf("organisations = %d, want 12", len(orgs))
	}
	if orgs[0].Kind != domain.OrgCounty || orgs[0].Slug != CountySlug {
		t.Errorf("first organisation = %+v, want the county office", orgs[0])
	}
	names := map[string]string{}
	for _, o := range orgs[1:] {
		if o.Kind != domain.OrgMunicipality || o.ParentSlug != CountySlug {
			t.Errorf("%s: kind %s parent %q, want a municipality of the county", o.Slug, o.Kind, o.ParentSlug)
		}
		names[o.Slug] = o.Name
	}
	for _, o := range orgs {
		if !slug.MatchString(o.Slug) || o.MailDomain == "" || o.FullName == "" {
			t.Errorf("organisation %+v is incomplete", o)
		}
	}
	if names["duelmen"] != "Dülmen" || names["luedinghausen"] != "Lüdinghausen" {
		t.Errorf("umlaut towns: %q, %q", names["duelmen"], names["luedinghausen"])
	}
}
