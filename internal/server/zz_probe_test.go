package server_test

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func TestZZProbe(t *testing.T) {
	b := newBrowser(t)
	a := newApp(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.visit(t, a.URL+"/barrierefreiheit", 200)
	t.Log("htmx:", evalJS[string](t, b, `typeof window.htmx`))
	t.Log("sync:", evalJS[int](t, b, `1+2`))
	t.Log("microtask:", evalJS[int](t, b, `Promise.resolve(5)`, chromedp.EvalAwaitPromise))
	done := make(chan bool)
	go func() {
		t.Log("timeout:", evalJS[int](t, b, `new Promise(r => setTimeout(() => r(7), 10))`, chromedp.EvalAwaitPromise))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Log("setTimeout hangs")
	}
	start := time.Now()
	v := b.axeViolations(t)
	t.Log("axe:", v, time.Since(start))
}
