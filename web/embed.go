// Package web holds the HTML templates and static assets, embedded in the
// binary. static/vendor is filled from npm by `make assets` (it is not
// committed); the build fails without it rather than serving a page unstyled.
package web

import "embed"

// Templates holds the page templates: layout.html plus one file per page.
//
//go:embed templates/*.html
var Templates embed.FS

// Static holds the files served under /static/.
//
//go:embed static
var Static embed.FS
