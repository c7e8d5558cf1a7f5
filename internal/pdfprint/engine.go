package pdfprint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A4 in inches, as printToPDF measures paper.
const a4Width, a4Height = 8.27, 11.69

// Options configure an Engine.
type Options struct {
	// ExecPath is the Chromium binary (see Find).
	ExecPath string
	// Parallel bounds how many documents print at once (default 2): each
	// takes a tab and a core's worth of layout.
	Parallel int
	// Timeout bounds one print job (default 30 s).
	Timeout time.Duration
}

// Document is one HTML document to print. HTML must be self-contained (CSS
// and fonts inlined): the tab loads nothing from the network.
type Document struct {
	HTML []byte
	// Footer is printed on every page; the classes pageNumber and totalPages
	// are filled in by Chromium ("Seite <span class=pageNumber></span> …").
	Footer string
}

// Engine prints documents with one Chromium, started on first use and
// reused: one tab per job.
type Engine struct {
	opts  Options
	slots chan struct{}

	mu      sync.Mutex
	closed  bool
	browser context.Context // nil until the first job
	stop    func()          // ends the browser and its process
	dataDir string
}

// New returns an engine; Chromium starts with the first Print.
func New(opts Options) *Engine {
	if opts.Parallel <= 0 {
		opts.Parallel = 2
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	return &Engine{opts: opts, slots: make(chan struct{}, opts.Parallel)}
}

// ErrClosed reports a Print after Close.
var ErrClosed = errors.New("pdfprint: engine closed")

// Print renders doc to PDF: A4, tagged, with bookmarks from the headings.
// It waits for a free slot, and gives up when ctx ends or the timeout passes.
func (e *Engine) Print(ctx context.Context, doc Document) ([]byte, error) {
	select {
	case e.slots <- struct{}{}:
		defer func() { <-e.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	browser, err := e.start()
	if err != nil {
		return nil, err
	}
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	job, cancel := context.WithTimeout(tab, e.opts.Timeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	pdf, err := chromedp.Run(job, printAction(doc))
	if err != nil {
		e.dropIfDead(browser)
		return nil, fmt.Errorf("pdfprint: %w", err)
	}
	return pdf, nil
}

// printAction loads the document into a blank tab without any network,
// waits until its fonts are ready, and prints it.
func printAction(doc Document) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			return nil, err
		}
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if _, err := cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{
			FrameID: tree.FrameTree.Frame.ID, HTML: string(doc.HTML)}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`,
			chromedp.EvalAwaitPromise)); err != nil {
			return nil, err
		}
		margin, bottom := 0.75, 0.9 // inches: about 2 cm, a little more for the footer
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{
			PaperWidth: a4Width, PaperHeight: a4Height,
			MarginTop: &margin, MarginBottom: &bottom, MarginLeft: &margin, MarginRight: &margin,
			PrintBackground:     ptr(true),
			DisplayHeaderFooter: ptr(doc.Footer != ""),
			HeaderTemplate:      "<span></span>",
			FooterTemplate:      doc.Footer,
			GenerateTaggedPDF:   ptr(true), GenerateDocumentOutline: ptr(true),
		})
		return res.Data, err
	}
}

func ptr[T any](v T) *T { return &v }

// start returns the running browser, starting Chromium when there is none
// (the first job, or after it died).
func (e *Engine) start() (context.Context, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if e.browser != nil && e.browser.Err() == nil {
		return e.browser, nil
	}
	e.stopLocked()
	dir, err := os.MkdirTemp("", "planwerk-pdf-")
	if err != nil {
		return nil, err
	}
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(e.opts.ExecPath),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium refuses its sandbox as root (containers); it loads only our own HTML
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil { // starts the process
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("pdfprint: Chromium (%s) does not start: %w", e.opts.ExecPath, err)
	}
	e.browser, e.dataDir = browser, dir
	e.stop = func() { cancelBrowser(); cancelAlloc() }
	return browser, nil
}

// dropIfDead forgets a browser that ended (crashed or was killed), so the
// next job starts a new one.
func (e *Engine) dropIfDead(browser context.Context) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.browser == browser && browser.Err() != nil {
		e.stopLocked()
	}
}

func (e *Engine) stopLocked() {
	if e.stop != nil {
		e.stop()
		_ = os.RemoveAll(e.dataDir)
	}
	e.browser, e.stop, e.dataDir = nil, nil, ""
}

// Close ends Chromium; later Prints fail with ErrClosed.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	e.stopLocked()
}
