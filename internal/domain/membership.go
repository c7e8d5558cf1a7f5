package domain

// The rules for which role may be held where, and with what.
//
//   - Koordination (coordinator) is held in a municipality: it is the one role
//     scoped to a town.
//   - Kommunales Integrationszentrum (ki), Administration (admin) and
//     Ausschuss (committee) are held in the county office: they act on every
//     municipality, and the demo accounts hold them there.
//   - Ausschuss is held alone. The committee reads overviews and reports, never
//     internal comments or contact data; every other role reads contact data
//     and coordinators and the KI read and write comments, so a combination
//     would hand a committee member exactly what the committee must not see.

// CheckMembership reports whether a user who holds the roles in held may be
// given role in an organisation of kind org. A role the user already holds is
// not refused here: the store reports that duplicate itself.
func CheckMembership(role Role, org OrgKind, held []Role) error {
	if !role.Valid() {
		return Keyed(CodeInvalid, "role", "error.store.roleMissing", "unknown role")
	}
	if err := checkRoleOrganisation(role, org); err != nil {
		return err
	}
	for _, h := range held {
		if h != role && (h == RoleCommittee || role == RoleCommittee) {
			return Keyed(CodeInvalid, "role", "error.membership.committeeAlone",
				"committee is held alone")
		}
	}
	return nil
}

// checkRoleOrganisation refuses a role in the wrong kind of organisation.
func checkRoleOrganisation(role Role, org OrgKind) error {
	switch {
	case role == RoleCoordinator && org != OrgMunicipality:
		return Keyed(CodeInvalid, "organisation_id", "error.membership.coordinatorInTown",
			"coordinator is held in a municipality")
	case role != RoleCoordinator && org != OrgCounty:
		return Keyed(CodeInvalid, "organisation_id", "error.membership.roleInCounty",
			"role is held in the county")
	}
	return nil
}

// LastAdminError refuses to take the last administration role away: with
// none left, nobody could grant roles any more.
func LastAdminError() error {
	return Keyed(CodeConflict, "", "error.membership.lastAdmin", "last admin membership")
}
