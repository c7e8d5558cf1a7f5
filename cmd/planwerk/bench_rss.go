package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssBudget is issue 14's memory budget for the server under load.
const rssBudget = 150 << 20

// rssSampler records the largest resident set size of this process while it
// runs: the bench serves the app in its own process, so this is the
// server's memory (with the light load clients) under load.
type rssSampler struct {
	stop     chan struct{}
	stopOnce sync.Once
	done     sync.WaitGroup
	peak     int64
}

func sampleRSS(every time.Duration) *rssSampler {
	s := &rssSampler{stop: make(chan struct{})}
	s.done.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			s.peak = max(s.peak, residentBytes())
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	})
	return s
}

// Stop ends sampling (once; later calls only answer) and returns the peak
// in bytes (0 where /proc is missing).
func (s *rssSampler) Stop() int64 {
	s.stopOnce.Do(func() { close(s.stop) })
	s.done.Wait()
	return s.peak
}

// residentBytes reads VmRSS from /proc/self/status.
func residentBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
