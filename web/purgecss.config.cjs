// KERN UX ships 340 KB of rules; the pages use a sixth of them. `make assets`
// keeps only the rules whose classes, ids, tags and attributes occur in the
// templates, the Go code that writes HTML and the script (purgecss reads
// every word there, so a class named in a Go string counts). A class put
// together at run time is not a word anywhere: the safelist names those
// families. Parsing and matching the whole sheet held a slowed phone's main
// thread for a third of a second before the first paint (bench browser).
module.exports = {
  content: [
    "web/templates/**/*.html",
    "internal/**/*.go",
    "web/static/*.js",
  ],
  safelist: {
    // "kern-alert--{{.Kind}}" in the templates, "kern-badge--" + kind in Go.
    greedy: [/^kern-alert--/, /^kern-badge--/],
  },
};
