package domain

import "strings"

// StartKind is the kind of work a start page leads to.
type StartKind string

const (
	StartWorkspace  StartKind = "coordinator" // the town's to-do view
	StartMonitoring StartKind = "ki"          // the cross-town monitoring
	StartReports    StartKind = "committee"   // the committee's reports
	StartUsers      StartKind = "admin"       // user administration
)

// StartOption is one start page a user's roles offer: the kind of work and
// where (the town of a coordinator, the county of the KI and the committee;
// nothing for the administration, which belongs to no county).
type StartOption struct {
	Kind       StartKind
	OrgSlug    string
	OrgName    string
	CountySlug string
}

// Key names the option as it is stored (users.start_page) and sent by the
// choice form, e.g. "coordinator:duelmen", "ki:kreis-coesfeld", "admin".
func (o StartOption) Key() string {
	if o.Kind == StartUsers {
		return string(o.Kind)
	}
	return string(o.Kind) + ":" + o.OrgSlug
}

// StartOptions lists the start pages a user's memberships offer, one per
// role and organisation, in the order of the memberships.
func StartOptions(ms []Membership) []StartOption {
	var out []StartOption
	seen := map[string]bool{}
	for _, m := range ms {
		o := StartOption{Kind: StartKind(m.Role), OrgSlug: m.OrgSlug, OrgName: m.OrgName, CountySlug: m.CountySlug}
		switch m.Role {
		case RoleCoordinator, RoleKI, RoleCommittee:
		case RoleAdmin:
			o = StartOption{Kind: StartUsers}
		default:
			continue
		}
		if !seen[o.Key()] {
			seen[o.Key()] = true
			out = append(out, o)
		}
	}
	return out
}

// ChooseStart is the start page of a user with these options and the
// choice they saved: the only option, or the saved one while it is still
// among them; ok is false when the user has to choose (several options and
// no valid choice) or has none.
func ChooseStart(options []StartOption, saved string) (StartOption, bool) {
	if len(options) == 1 {
		return options[0], true
	}
	for _, o := range options {
		if o.Key() == saved {
			return o, true
		}
	}
	return StartOption{}, false
}

// FindStartOption returns the option named key; ok is false for a key none
// of the options has (a forged or outdated form).
func FindStartOption(options []StartOption, key string) (StartOption, bool) {
	key = strings.TrimSpace(key)
	for _, o := range options {
		if o.Key() == key {
			return o, true
		}
	}
	return StartOption{}, false
}
