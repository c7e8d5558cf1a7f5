package benchstat

import (
	"math/rand/v2"
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentileNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = ms(i + 1) // 1 ms … 100 ms
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"single value is every percentile", []time.Duration{ms(7)}, 95, ms(7)},
		{"median of 100", hundred, 50, ms(50)},
		{"p95 of 100", hundred, 95, ms(95)},
		{"p100 is the maximum", hundred, 100, ms(100)},
		{"tiny p is the minimum", hundred, 0.1, ms(1)},
		{"median of odd count", []time.Duration{ms(1), ms(2), ms(3)}, 50, ms(2)},
		{"p95 of 20 is the 19th", hundred[:20], 95, ms(19)},
		{"p95 of 10 is the maximum", hundred[:10], 95, ms(10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%d values, %v) = %v, want %v", len(tt.sorted), tt.p, got, tt.want)
			}
		})
	}
}

func TestSummariseSortsACopy(t *testing.T) {
	in := make([]time.Duration, 200)
	for i := range in {
		in[i] = ms(i + 1)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
	first := in[0]
	s := Summarise(in)
	want := Summary{N: 200, P50: ms(100), P95: ms(190), Max: ms(200)}
	if s != want {
		t.Errorf("Summarise = %+v, want %+v", s, want)
	}
	if in[0] != first {
		t.Error("Summarise reordered the caller's slice")
	}
	if (Summarise(nil) != Summary{}) {
		t.Error("Summarise(nil) is not the zero Summary")
	}
}

func TestRatio(t *testing.T) {
	if got := Ratio(ms(12), ms(30)); got != 0.4 {
		t.Errorf("Ratio(12ms, 30ms) = %v, want 0.4", got)
	}
	if got := Ratio(ms(1), 0); got <= 1e300 {
		t.Errorf("Ratio with no budget = %v, want +Inf", got)
	}
}
