package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT
// does not set one. The design holds the server to 150 MB RSS under load;
// with the collector's default alone (GOGC=100) the heap may grow to twice
// what is live before it runs, and a burst of eight workspace renders or a
// Land-scale import went past the budget (bench: 158 and 153 MB). Near this
// limit the runtime collects sooner; it is soft, so a larger live heap is
// never refused, only collected more often (the runtime caps that effort).
const defaultMemoryLimit = 120 << 20

// limitMemory applies defaultMemoryLimit unless the operator chose a limit
// through GOMEMLIMIT, which the runtime has read already.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
