// Package benchstat summarises the latencies `planwerk bench` measures.
package benchstat

import (
	"math"
	"slices"
	"time"
)

// Summary describes one series of measurements.
type Summary struct {
	N             int
	P50, P95, Max time.Duration
}

// Summarise sorts a copy of ds and reads the median, the 95th percentile and
// the maximum from it. An empty series gives the zero Summary.
func Summarise(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return Summary{
		N:   len(sorted),
		P50: Percentile(sorted, 50),
		P95: Percentile(sorted, 95),
		Max: sorted[len(sorted)-1],
	}
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of sorted by the
// nearest-rank method: the smallest value that at least p % of the values do
// not exceed. It is always one of the measured values, never an
// interpolation, so "p95 ≤ 30 ms" means 95 % of the requests took ≤ 30 ms.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}

// Ratio is d / budget, e.g. 0.4 for 12 ms against a 30 ms budget.
func Ratio(d, budget time.Duration) float64 {
	if budget <= 0 {
		return math.Inf(1)
	}
	return float64(d) / float64(budget)
}
