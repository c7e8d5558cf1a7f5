package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are those DevTools' Performance panel records: enough to
// see parsing, style, layout, paint, scripts and the LCP marker of a load.
var traceCategories = []string{"devtools.timeline", "disabled-by-default-devtools.timeline",
	"disabled-by-default-devtools.timeline.frame", "blink.user_timing", "loading", "v8.execute", "latencyInfo"}

// chromeTrace collects a Chromium trace of one load for -browser-trace. The
// file it writes opens in DevTools (Performance → Load profile) or in
// Perfetto, where one sees what the main thread did before the LCP.
type chromeTrace struct {
	mu     sync.Mutex
	events [][]byte
	done   chan struct{}
}

func (c *chromeTrace) listen(ev any) {
	switch e := ev.(type) {
	case *tracing.EventDataCollected:
		c.mu.Lock()
		for _, v := range e.Value {
			c.events = append(c.events, bytes.Clone(v))
		}
		c.mu.Unlock()
	case *tracing.EventTracingComplete:
		close(c.done)
	}
}

// startTrace begins recording in tab; stop ends it and writes the trace.
func startTrace(tab context.Context) (*chromeTrace, error) {
	c := &chromeTrace{done: make(chan struct{})}
	if err := chromedp.Listen(tab, c.listen); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: traceCategories}}); err != nil {
		return nil, fmt.Errorf("Tracing.start: %w", err)
	}
	return c, nil
}

func (c *chromeTrace) stop(tab context.Context, path string) error {
	if _, err := chromedp.Call(tab, tracing.End, cdp.Empty{}); err != nil {
		return fmt.Errorf("Tracing.end: %w", err)
	}
	select {
	case <-c.done:
	case <-tab.Done():
		return tab.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(`{"traceEvents":[`)
	for i, e := range c.events {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(e)
	}
	b.WriteString("]}\n")
	return os.WriteFile(path, b.Bytes(), 0o644)
}
