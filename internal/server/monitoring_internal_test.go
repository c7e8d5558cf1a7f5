package server

import "testing"

func TestNeutralisedKeepsSpreadsheetsFromRunningNames(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+49 2541": "'+49 2541", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "Dülmen": "Dülmen", "": "", "1 = 1": "1 = 1",
	} {
		if got := neutralised(in); got != want {
			t.Errorf("neutralised(%q) = %q, want %q", in, got, want)
		}
	}
}
