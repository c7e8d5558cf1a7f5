package server_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestTwentyConcurrentEditorsLoseNothing has 20 people open the edit form of
// one implementation at the same time and save different changes. Exactly one
// gets through from the shared version; the others get 409 with their input
// kept and the other person's values beside it, and save again from the page
// they were shown, until every change is in. Every accepted save must appear
// in the audit log once, in an unbroken chain, and the row must end as the
// last accepted save left it: nothing vanished.
func TestTwentyConcurrentEditorsLoseNothing(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	const writers = 20
	clients := []*http.Client{a.signIn(t, "duelmen"), a.signIn(t, "ki-1")}
	historyBefore := len(a.records(t, tr).History)

	type outcome struct {
		version    string // the version the accepted save started from
		conflicts  int
		firstTryOK bool
		problem    string
	}
	outcomes := make([]outcome, writers)
	var opened, wg sync.WaitGroup
	opened.Add(writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := clients[w%len(clients)]
			org := fmt.Sprintf("Schreiberin %02d", w)
			o := &outcomes[w]
			// Open the form: everyone sees the same version.
			status, page, err := get(client, a.URL+tr.path+"/bearbeiten")
			m := versionField.FindStringSubmatch(page)
			opened.Done()
			opened.Wait()
			if err != nil || status != http.StatusOK || m == nil {
				o.problem = fmt.Sprintf("opening the form: %d %v", status, err)
				return
			}
			version := m[1]
			for attempt := 0; attempt < 10*writers; attempt++ {
				form := editForm(tr.impl, "version="+version, "responsible_org="+org, "progress="+strconv.Itoa(50+w))
				status, page, err := post(client, a.URL+tr.path+"/bearbeiten", form)
				switch {
				case err != nil:
					o.problem = err.Error()
					return
				case status == http.StatusSeeOther:
					o.version, o.firstTryOK = version, attempt == 0
					return
				case status == http.StatusConflict:
					o.conflicts++
					// The user's input is kept, the other person's values shown beside it.
					if !strings.Contains(page, `value="`+org+`"`) || !strings.Contains(page, `data-field="responsible_org"`) ||
						!strings.Contains(page, "Inzwischen gespeichert") {
						o.problem = "409 page without the user's input and the other values"
						return
					}
					m := versionField.FindStringSubmatch(page)
					if m == nil {
						o.problem = "409 page without a version"
						return
					}
					version = m[1] // merge and save again from the page shown
				default:
					o.problem = fmt.Sprintf("save answered %d", status)
					return
				}
			}
			o.problem = "never accepted"
		}()
	}
	wg.Wait()

	firstTry, conflicts := 0, 0
	startedFrom := map[string]int{}
	for w, o := range outcomes {
		if o.problem != "" {
			t.Fatalf("writer %d: %s", w, o.problem)
		}
		conflicts += o.conflicts
		if o.firstTryOK {
			firstTry++
		}
		if prev, dup := startedFrom[o.version]; dup {
			t.Errorf("writers %d and %d were both accepted from version %s", prev, w, o.version)
		}
		startedFrom[o.version] = w
	}
	if firstTry != 1 || conflicts < writers-1 {
		t.Errorf("%d saves accepted from the shared version (want exactly 1), %d conflicts (want ≥ %d)", firstTry, conflicts, writers-1)
	}

	var events []domain.AuditEvent
	history := a.records(t, tr).History // newest first
	for _, e := range history[:len(history)-historyBefore] {
		if e.Entity == "implementation" {
			events = append(events, e)
		}
	}
	if len(events) != writers {
		t.Fatalf("%d audit events, want one per accepted save (%d)", len(events), writers)
	}
	prevOrg := tr.impl.ResponsibleOrg
	for k := len(events) - 1; k >= 0; k-- { // oldest first
		version := strconv.Itoa(tr.impl.Version + (len(events) - 1 - k))
		w, ok := startedFrom[version]
		if !ok {
			t.Fatalf("no accepted save started from version %s", version)
		}
		want := fmt.Sprintf("Schreiberin %02d", w)
		ch := events[k].Changes["responsible_org"]
		if ch.Old != prevOrg || ch.New != want || events[k].Changes["progress"].New != float64(50+w) {
			t.Errorf("event from version %s = %+v, want %q → %q", version, events[k].Changes, prevOrg, want)
		}
		if wantActor := []string{"Koordination Dülmen", "KI – Team Integration 1"}[w%2]; events[k].ActorName != wantActor {
			t.Errorf("event from version %s by %q, want the writer's account", version, events[k].ActorName)
		}
		prevOrg = want
	}

	final := a.current(t, tr)
	last := startedFrom[strconv.Itoa(tr.impl.Version+writers-1)]
	if final.Version != tr.impl.Version+writers || final.ResponsibleOrg != fmt.Sprintf("Schreiberin %02d", last) || final.Progress != 50+last {
		t.Errorf("final row = version %d, %q, %d %%; want version %d as writer %d left it",
			final.Version, final.ResponsibleOrg, final.Progress, tr.impl.Version+writers, last)
	}
}

// get and post are fetch for goroutines: they report errors instead of
// stopping the test from another goroutine.
func get(c *http.Client, url string) (int, string, error) {
	return do(c, http.MethodGet, url, nil)
}

func post(c *http.Client, url string, form []string) (int, string, error) {
	return do(c, http.MethodPost, url, form)
}

func do(c *http.Client, method, url string, form []string) (int, string, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(strings.Join(form, "&")))
	if err != nil {
		return 0, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}
