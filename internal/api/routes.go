package api

// registerAll adds every operation; each declares its permission where it is
// registered (see register).
func (a *API) registerAll() {
	a.registerPlans()
	a.registerImplementationList()
	a.registerImplementationItem()
	a.registerOpenData()
	a.registerOpenPlans()
}
