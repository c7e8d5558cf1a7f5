package domain

import "testing"

func TestStartOptionsOnePerRoleAndPlace(t *testing.T) {
	ms := []Membership{
		{Role: RoleCoordinator, OrgSlug: "duelmen", OrgName: "Dülmen", CountySlug: "kreis"},
		{Role: RoleCoordinator, OrgSlug: "olfen", OrgName: "Olfen", CountySlug: "kreis"},
		{Role: RoleKI, OrgSlug: "kreis", CountySlug: "kreis"},
		{Role: RoleAdmin, OrgSlug: "kreis", CountySlug: "kreis"},
		{Role: RoleAdmin, OrgSlug: "other", CountySlug: "other"},
	}
	var keys []string
	for _, o := range StartOptions(ms) {
		keys = append(keys, o.Key())
	}
	want := []string{"coordinator:duelmen", "coordinator:olfen", "ki:kreis", "admin"}
	if len(keys) != len(want) {
		t.Fatalf("options %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Errorf("option %d = %s, want %s", i, keys[i], want[i])
		}
	}
}

func TestChooseStart(t *testing.T) {
	one := StartOptions([]Membership{{Role: RoleCommittee, OrgSlug: "kreis", CountySlug: "kreis"}})
	two := StartOptions([]Membership{{Role: RoleKI, OrgSlug: "kreis", CountySlug: "kreis"}, {Role: RoleAdmin, OrgSlug: "kreis"}})
	cases := []struct {
		name    string
		options []StartOption
		saved   string
		want    string
		ok      bool
	}{
		{"one role needs no choice", one, "", "committee:kreis", true},
		{"one role ignores an old choice", one, "admin", "committee:kreis", true},
		{"several roles without a choice ask", two, "", "", false},
		{"several roles take the saved choice", two, "admin", "admin", true},
		{"a choice no role matches any more asks again", two, "coordinator:duelmen", "", false},
		{"no role, no start", nil, "admin", "", false},
	}
	for _, c := range cases {
		got, ok := ChooseStart(c.options, c.saved)
		if ok != c.ok || (ok && got.Key() != c.want) {
			t.Errorf("%s: got %q %v, want %q %v", c.name, got.Key(), ok, c.want, c.ok)
		}
	}
}

func TestSupportAnswerNotice(t *testing.T) {
	cases := []struct {
		from, to Support
		want     bool
	}{
		{SupportNone, SupportRequested, false},
		{SupportRequested, SupportAccepted, true},
		{SupportRequested, SupportDeclined, true},
		{SupportAccepted, SupportDone, true},
		{SupportAccepted, SupportAccepted, false},
		{SupportDeclined, SupportRequested, false},
	}
	for _, c := range cases {
		p, ok := SupportAnswerNotice(Implementation{Support: c.from}, Implementation{Support: c.to, SupportResponse: "x"})
		if ok != c.want || (ok && (p.Answer != c.to || p.Response != "x")) {
			t.Errorf("%s → %s: notice %v %+v, want %v", c.from, c.to, ok, p, c.want)
		}
	}
}
