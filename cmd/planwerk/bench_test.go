package main

import (
	"strings"
	"testing"
	"time"
)

func TestWithDatabase(t *testing.T) {
	got, err := withDatabase("postgres://u:p@db.example:5433/planwerk?sslmode=require", "planwerk_bench")
	if want := "postgres://u:p@db.example:5433/planwerk_bench?sslmode=require"; err != nil || got != want {
		t.Errorf("withDatabase = %q, %v; want %q", got, err, want)
	}
	if _, err := withDatabase("host=db.example dbname=planwerk", "planwerk_bench"); err == nil {
		t.Error("withDatabase accepted a keyword/value connection string it cannot rewrite")
	}
}

func scales(counts ...[3]int64) []scaleResult {
	var rs []scaleResult
	for i, c := range counts {
		rs = append(rs, scaleResult{scale: benchScale{label: string(rune('a' + i))}, pages: []pageResult{
			{name: "Übersicht", minQueries: c[0], maxQueries: c[1]},
			{name: "Arbeitsbereich", minQueries: c[2], maxQueries: c[2]},
		}})
	}
	return rs
}

func TestCheckQueryCounts(t *testing.T) {
	tests := []struct {
		name    string
		results []scaleResult
		wantErr string
	}{
		{"constant within budget", scales([3]int64{3, 3, 3}, [3]int64{3, 3, 3}), ""},
		{"varies between requests", scales([3]int64{3, 3, 3}, [3]int64{3, 4, 3}), "3 bis 4"},
		{"grows with the data", scales([3]int64{3, 3, 3}, [3]int64{3, 3, 9}), "9 SQL-Abfragen (b) statt 3 (a)"},
		{"over budget", scales([3]int64{6, 6, 3}, [3]int64{6, 6, 3}), "Budget 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkQueryCounts(tt.results)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestPrintFreezeReport(t *testing.T) {
	var b strings.Builder
	printFreezeReport(&b, freezeResult{rows: 107316, elapsed: 2500 * time.Millisecond})
	for _, want := range []string{"| Bericht einfrieren |", "| alle Kommunen, alle Arten | 107316 | 2.50 s | ≤ 5 s | 0.50 |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("freeze report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestBenchOnly(t *testing.T) {
	o, err := parseBenchFlags([]string{"-only", "boden, browser"})
	if err != nil || !o.runs("boden") || !o.runs("browser") || o.runs("seiten") || o.runs("schreiblast") {
		t.Errorf("-only boden,browser: %v, runs seiten %v", err, o.runs("seiten"))
	}
	if all, _ := parseBenchFlags(nil); !all.runs("seiten") || !all.runs("browser") {
		t.Error("without -only not everything runs")
	}
	if _, err := parseBenchFlags([]string{"-only", "boden,flur"}); err == nil || !strings.Contains(err.Error(), `"flur"`) {
		t.Errorf("an unknown measurement is not refused: %v", err)
	}
}

func TestPrintFloorAndBrowserReports(t *testing.T) {
	var b strings.Builder
	printFloorReport(&b, floorResult{workspace: throughput{400, 8 * time.Second}, floor: throughput{400, 5 * time.Second},
		wire: wireSizes{plain: 317 << 10, gzip: 30 << 10, zstd: 28 << 10}})
	printBrowserReport(&b, browserResult{lcp: 1800 * time.Millisecond, lcpRuns: []time.Duration{2100 * time.Millisecond, 1800 * time.Millisecond, 1700 * time.Millisecond}, firstBytes: 200 << 10, secondBytes: 25 << 10,
		firstRequests: 9, secondRequests: 9})
	printBrowserReport(&b, browserResult{skipped: "kein Chromium gefunden"})
	for _, want := range []string{"| 50.0 |", "| 80.0 |", "Arbeitsbereich ÷ Boden: **0.62**", "| eine Kommune | 317 KB | 30 KB | 28 KB | ≤ 40 KB |",
		"| 1.80 s | ≤ 2.5 s | 0.72 |", "Median von 3 Ladevorgängen (1.70–2.10 s)", "| 25 KB | ≤ 50 KB | 0.50 |", "übersprungen: kein Chromium gefunden"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

// The sampler reads this process's resident memory and stops cleanly, also
// when stopped twice.
func TestRSSSampler(t *testing.T) {
	s := sampleRSS(time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	if peak := s.Stop(); peak < 1<<20 || s.Stop() != peak {
		t.Errorf("peak RSS %d bytes; a Go test process has more than 1 MB", peak)
	}
}
