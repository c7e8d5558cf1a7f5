package domain

import (
	"slices"
	"testing"
)

func TestStatusChoicesStartWithTheCurrentStatus(t *testing.T) {
	if got := StatusChoices(""); len(got) == 0 || got[0] != StatusPlanned {
		t.Errorf("not yet relevant: %v, want planned first", got)
	}
	got := StatusChoices(StatusInProgress)
	if got[0] != StatusInProgress || !slices.Equal(got[1:], AllowedStatusTransitions(StatusInProgress)) {
		t.Errorf("in progress: %v", got)
	}
}
