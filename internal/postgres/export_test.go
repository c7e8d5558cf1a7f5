package postgres

// Translate exposes translate to the external tests (package postgres_test,
// which must be external because the test harness imports this package).
var Translate = translate
