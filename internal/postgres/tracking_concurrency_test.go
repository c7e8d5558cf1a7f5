package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestConcurrentWritersLoseNoUpdate has 20 writers read the same version of
// one implementation and then each save a different change; refused writers
// read again and retry, as a person merging their input would. Every accepted
// write must be in the audit log exactly once, in an unbroken chain of old →
// new values, every refusal must have been a version conflict, and the row
// must end as the last accepted write left it.
func TestConcurrentWritersLoseNoUpdate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const writers = 20
	start, err := f.db.FindImplementation(ctx, f.key(f.county, f.implCounty))
	if err != nil {
		t.Fatal(err)
	}

	type outcome struct {
		accepted   domain.Implementation // the row as this writer's save left it
		refusals   int
		firstTryOK bool
		err        error
	}
	outcomes := make([]outcome, writers)
	var read, wg sync.WaitGroup
	read.Add(writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			org := fmt.Sprintf("Schreiber %02d", w)
			change := func(i domain.Implementation) (domain.Implementation, error) {
				i.ResponsibleOrg, i.Progress = org, 40+w
				return i, nil
			}
			version := start.Version // everyone starts from the same version
			read.Done()
			read.Wait()
			for attempt := 0; attempt < 10*writers; attempt++ {
				saved, err := f.db.UpdateImplementation(ctx, f.key(f.county, f.implCounty), version, &f.actor, change)
				switch {
				case err == nil:
					outcomes[w].accepted, outcomes[w].firstTryOK = saved, attempt == 0
					return
				case errors.Is(err, domain.ErrStaleVersion) && domain.ErrorCode(err) == domain.CodeConflict:
					outcomes[w].refusals++
					version = saved.Version // the conflict answers with the current row
				default:
					outcomes[w].err = err
					return
				}
			}
			outcomes[w].err = errors.New("never accepted")
		}()
	}
	wg.Wait()

	firstTry, refusals := 0, 0
	byVersion := map[int]int{} // resulting version → writer
	for w, o := range outcomes {
		if o.err != nil {
			t.Fatalf("writer %d: %v", w, o.err)
		}
		refusals += o.refusals
		if o.firstTryOK {
			firstTry++
		}
		if prev, dup := byVersion[o.accepted.Version]; dup {
			t.Errorf("writers %d and %d both produced version %d", prev, w, o.accepted.Version)
		}
		byVersion[o.accepted.Version] = w
	}
	if firstTry != 1 || refusals < writers-1 {
		t.Errorf("%d writers got through from the shared version (want exactly 1), %d refusals (want ≥ %d)", firstTry, refusals, writers-1)
	}

	events, err := f.db.FindAuditEvents(ctx, f.county, "implementation", f.implCounty)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != writers {
		t.Fatalf("%d audit events, want one per accepted write (%d)", len(events), writers)
	}
	// Oldest first: each event must start from what the one before left.
	prevOrg, prevProgress := start.ResponsibleOrg, float64(start.Progress)
	for k := len(events) - 1; k >= 0; k-- {
		e := events[k]
		version := start.Version + (len(events) - k)
		w, ok := byVersion[version]
		if !ok {
			t.Fatalf("no accepted write produced version %d", version)
		}
		wantOrg := fmt.Sprintf("Schreiber %02d", w)
		org, progress := e.Changes["responsible_org"], e.Changes["progress"]
		if org.Old != prevOrg || org.New != wantOrg || progress.Old != prevProgress || progress.New != float64(40+w) {
			t.Errorf("event for version %d = %+v, want %q → %q and %v → %d", version, e.Changes, prevOrg, wantOrg, prevProgress, 40+w)
		}
		prevOrg, prevProgress = wantOrg, float64(40+w)
	}

	final, err := f.db.FindImplementation(ctx, f.key(f.county, f.implCounty))
	if err != nil {
		t.Fatal(err)
	}
	last := outcomes[byVersion[start.Version+writers]].accepted
	if final.Version != start.Version+writers || final.ResponsibleOrg != last.ResponsibleOrg || final.Progress != last.Progress {
		t.Errorf("final row = version %d, %q, %d %%; want the last accepted write: version %d, %q, %d %%",
			final.Version, final.ResponsibleOrg, final.Progress, last.Version, last.ResponsibleOrg, last.Progress)
	}
}
