package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/pdfprint"
)

// Slow 4G as Chromium's DevTools preset defines it (1.6 Mbit/s down and
// 750 kbit/s up, each × 0.9, 150 ms × 3.75 latency), with the CPU slowed 4×
// as Lighthouse does for a mid-range phone.
const (
	slow4GLatencyMs  = 562.5
	slow4GDownload   = 1.6e6 / 8 * 0.9 // bytes/s ≈ 180 KB/s
	slow4GUpload     = 750e3 / 8 * 0.9 // bytes/s ≈ 84 KB/s
	slow4GCPUFactor  = 4
	lcpBudget        = 2500 * time.Millisecond
	secondVisitBytes = 50 << 10
)

// browserResult is the workspace as Chromium loads it under Slow 4G.
type browserResult struct {
	skipped                 string          // why nothing was measured
	lcp                     time.Duration   // the median of lcpRuns
	lcpRuns                 []time.Duration // every load's LCP, in the order measured
	lcpElement              string          // what Chromium painted last as largest: tag.class
	htmlLoaded              time.Duration   // the page's HTML received whole (responseEnd)
	firstBytes, secondBytes int
	// mainThread is where the renderer spent its time up to the LCP
	// (Performance.getMetrics: style, layout, script, all tasks).
	mainThread                    mainThreadWork
	firstRequests, secondRequests int
}

// mainThreadWork is the renderer's busy time by kind, under the slowed CPU.
type mainThreadWork struct {
	style, layout, script, tasks time.Duration
}

// readMainThread reads the renderer's cumulated durations so far.
func readMainThread(tab context.Context) (mainThreadWork, error) {
	m, err := chromedp.Call(tab, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return mainThreadWork{}, fmt.Errorf("Performance.getMetrics: %w", err)
	}
	var w mainThreadWork
	for _, x := range m.Metrics {
		d := time.Duration(x.Value * float64(time.Second))
		switch x.Name {
		case "RecalcStyleDuration":
			w.style = d
		case "LayoutDuration":
			w.layout = d
		case "ScriptDuration":
			w.script = d
		case "TaskDuration":
			w.tasks = d
		}
	}
	return w, nil
}

// lcpEntry is the page's last Largest Contentful Paint entry: its time, its
// element, and when the HTML had arrived whole, all in ms since navigation.
type lcpEntry struct {
	Start      float64 `json:"start"`
	Element    string  `json:"element"`
	HTMLLoaded float64 `json:"htmlLoaded"`
}

// largestContentfulPaint waits for the page's LCP entry (buffered, so the
// entries before the observer count) and answers it, with start -1 when
// Chromium reports none within 10 s.
const largestContentfulPaint = `new Promise(resolve => {
	const nav = performance.getEntriesByType('navigation')[0];
	const htmlLoaded = nav ? nav.responseEnd : -1;
	new PerformanceObserver(list => {
		const e = list.getEntries().at(-1), el = e.element;
		const name = el ? el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') : '';
		resolve({start: e.startTime, element: name, htmlLoaded});
	}).observe({type: 'largest-contentful-paint', buffered: true});
	setTimeout(() => resolve({start: -1, element: '', htmlLoaded}), 10000);
})`

// measureBrowserRuns loads the workspace in n fresh Chromiums and keeps the
// median LCP, with the element and bytes of the median load: under a 4×
// slower CPU one load on a shared machine may take a second longer than the
// next, so a single figure says little.
func measureBrowserRuns(ctx context.Context, cfg config.Config, app *benchApp, n int, tracePath, url string) (browserResult, error) {
	runs := make([]browserResult, 0, n)
	for range n {
		r, err := measureBrowser(ctx, cfg, app, url, tracePath)
		tracePath = "" // the first load only
		if err != nil || r.skipped != "" {
			return r, err
		}
		runs = append(runs, r)
	}
	lcps := make([]time.Duration, len(runs))
	for i, r := range runs {
		lcps[i] = r.lcp
	}
	median := benchstat.Percentile(slices.Sorted(slices.Values(lcps)), 50)
	i := slices.Index(lcps, median)
	res := runs[i]
	res.lcpRuns = lcps
	return res, nil
}

// measureBrowser loads a workspace signed in, in a fresh Chromium throttled
// to Slow 4G and a 4× slower CPU: the Largest Contentful Paint of the first
// visit (cache empty) and the bytes transferred on a second visit (cache
// warm). Without Chromium it says so and measures nothing.
func measureBrowser(ctx context.Context, cfg config.Config, app *benchApp, url, tracePath string) (browserResult, error) {
	exe, err := pdfprint.Find(cfg.Chromium)
	if err != nil {
		return browserResult{skipped: "kein Chromium gefunden (apt-get install chromium oder PLANWERK_CHROMIUM): " + err.Error()}, nil
	}
	dataDir, err := os.MkdirTemp("", "planwerk-bench-chromium-")
	if err != nil {
		return browserResult{}, err
	}
	defer os.RemoveAll(dataDir)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(dataDir), chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	tab, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()

	var traffic transferred
	if err := chromedp.Listen(tab, traffic.record); err != nil {
		return browserResult{}, fmt.Errorf("Chromium (%s) startet nicht: %w", exe, err)
	}
	if err := throttle(tab, app); err != nil {
		return browserResult{}, err
	}
	var res browserResult
	var trace *chromeTrace
	if tracePath != "" {
		if trace, err = startTrace(tab); err != nil {
			return res, err
		}
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return res, err
	}
	lcp, err := chromedp.Run(tab, chromedp.Evaluate[lcpEntry](largestContentfulPaint, chromedp.EvalAwaitPromise))
	if err != nil {
		return res, err
	}
	if trace != nil {
		if err := trace.stop(tab, tracePath); err != nil {
			return res, fmt.Errorf("Aufzeichnung %s: %w", tracePath, err)
		}
	}
	res.lcp, res.lcpElement = time.Duration(lcp.Start*float64(time.Millisecond)), lcp.Element
	if res.mainThread, err = readMainThread(tab); err != nil {
		return res, err
	}
	res.htmlLoaded = time.Duration(lcp.HTMLLoaded * float64(time.Millisecond))
	res.firstBytes, res.firstRequests = traffic.take()
	// A second visit, not a reload: a reload revalidates every file, a visit
	// uses what the cache may keep.
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		return res, err
	}
	traffic.take()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return res, err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return res, err
	}
	res.secondBytes, res.secondRequests = traffic.take()
	return res, nil
}

// throttle signs the tab in with the bench's session cookie and slows its
// network and CPU.
func throttle(tab context.Context, app *benchApp) error {
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		return fmt.Errorf("Network.enable: %w", err)
	}
	if _, err := chromedp.Call(tab, performance.Enable, performance.EnableParams{}); err != nil {
		return fmt.Errorf("Performance.enable: %w", err)
	}
	for _, c := range strings.Split(app.cookie, "; ") {
		name, value, _ := strings.Cut(c, "=")
		if _, err := chromedp.Call(tab, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: app.url}); err != nil {
			return fmt.Errorf("Network.setCookie: %w", err)
		}
	}
	if _, err := chromedp.Call(tab, emulateNetworkConditions, slow4G); err != nil {
		return fmt.Errorf("Network.emulateNetworkConditions: %w", err)
	}
	if _, err := chromedp.Call(tab, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: slow4GCPUFactor}); err != nil {
		return fmt.Errorf("Emulation.setCPUThrottlingRate: %w", err)
	}
	return nil
}

// networkConditions are the parameters of Network.emulateNetworkConditions.
// cdproto dropped the command in favour of emulateNetworkConditionsByRule,
// whose parameters the Chromium of Debian 12 (148) does not take yet; the
// older command throttles the whole tab in both.
type networkConditions struct {
	Offline            bool                   `json:"offline"`
	Latency            float64                `json:"latency"`
	DownloadThroughput float64                `json:"downloadThroughput"`
	UploadThroughput   float64                `json:"uploadThroughput"`
	ConnectionType     network.ConnectionType `json:"connectionType"`
}

var emulateNetworkConditions = cdp.Command[networkConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

var slow4G = networkConditions{Latency: slow4GLatencyMs, DownloadThroughput: slow4GDownload,
	UploadThroughput: slow4GUpload, ConnectionType: network.ConnectionTypeCellular4g}

// transferred sums the bytes Chromium received (headers and body as sent,
// Network.loadingFinished's encodedDataLength) and counts the requests.
type transferred struct {
	mu       sync.Mutex
	bytes    float64
	requests int
}

func (t *transferred) record(ev any) {
	if e, ok := ev.(*network.EventLoadingFinished); ok {
		t.mu.Lock()
		t.bytes += e.EncodedDataLength
		t.requests++
		t.mu.Unlock()
	}
}

// take returns the sums so far and starts afresh.
func (t *transferred) take() (int, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, n := int(t.bytes), t.requests
	t.bytes, t.requests = 0, 0
	return b, n
}

func printBrowserReport(w io.Writer, r browserResult) {
	fmt.Fprintln(w, "| Chromium, Slow 4G (562,5 ms, 180 KB/s ↓, 84 KB/s ↑), CPU ÷ 4 | Wert | Budget | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	if r.skipped != "" {
		fmt.Fprintf(w, "| übersprungen: %s | – | – | – |\n\n", r.skipped)
		return
	}
	lcp := "nicht gemeldet"
	if r.lcp >= 0 {
		lcp = fmt.Sprintf("%.2f s", r.lcp.Seconds())
	}
	fmt.Fprintf(w, "| Largest Contentful Paint, erster Besuch, Median%s (Cache leer; %d Dateien, %s; Element `%s`; HTML vollständig nach %.2f s) | %s | ≤ %.1f s | %.2f |\n",
		runsText(r.lcpRuns), r.firstRequests, kb(r.firstBytes), r.lcpElement, r.htmlLoaded.Seconds(), lcp, lcpBudget.Seconds(), r.lcp.Seconds()/lcpBudget.Seconds())
	mt := r.mainThread
	fmt.Fprintf(w, "| Hauptthread bis dahin (derselbe Ladevorgang): Stil %.2f s, Layout %.2f s, Skript %.2f s, alle Aufgaben %.2f s | – | – | – |\n",
		mt.style.Seconds(), mt.layout.Seconds(), mt.script.Seconds(), mt.tasks.Seconds())
	fmt.Fprintf(w, "| übertragen beim zweiten Besuch (Cache warm; %d Dateien, davon aus dem Cache mit 0 B) | %s | ≤ %s | %.2f |\n\n",
		r.secondRequests, kb(r.secondBytes), kb(secondVisitBytes), float64(r.secondBytes)/secondVisitBytes)
}

// runsText names the loads behind a median: " von 5 Ladevorgängen (2.31–2.95 s)".
func runsText(runs []time.Duration) string {
	if len(runs) < 2 {
		return ""
	}
	sorted := slices.Sorted(slices.Values(runs))
	return fmt.Sprintf(" von %d Ladevorgängen (%.2f–%.2f s)", len(runs), sorted[0].Seconds(), sorted[len(sorted)-1].Seconds())
}
