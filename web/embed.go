// Package web holds the HTML templates and static assets, embedded in the
// binary. static/vendor is filled from npm by `make assets` (it is not
// committed); the build fails without it rather than serving a page unstyled.
package web

import "embed"

// Templates holds the page templates: layout.html, one file per page, and
// partials/ with sections several pages share.
//
//go:embed templates/*.html templates/partials
var Templates embed.FS

// Locales holds the message files, one pair per area of the UI:
// <area>.de.json (German, the default) and <area>.en.json.
//
//go:embed locales/*.json
var Locales embed.FS

// Static holds the files served under /static/.
//
//go:embed static
var Static embed.FS
