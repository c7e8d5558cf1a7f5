package server

import (
	"strings"
	"testing"
)

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

// The cell's markup is written without html/template: every text in it must
// come out escaped, whatever a message file or a slug holds.
func TestMonitoringCellHTMLEscapesEveryText(t *testing.T) {
	v := monitoringCellView{Relevant: 2, Bar: []barPart{{Class: `x"><script>`, X: 0, Width: 2}},
		Figures: []figureView{
			{Count: 2, Label: `<b>relevant</b>`, Href: `/plaene/p/kommunen/a?x=1&y="><script>`},
			{Count: 0, Label: `überfällig & "offen"`},
		},
		Change: `<img src=x onerror=alert(1)>`}
	got := string(v.HTML())
	for _, bad := range []string{"<script>", "<b>", "<img", `"offen"`, "&y="} {
		if strings.Contains(got, bad) {
			t.Errorf("cell markup contains %q unescaped:\n%s", bad, got)
		}
	}
	for _, want := range []string{`<span class="mon-num">2</span> &lt;b&gt;relevant&lt;/b&gt;</a>`,
		`<li class="mon-fig mon-fig--zero"><span class="mon-num">0</span> überfällig &amp; &#34;offen&#34;</li>`,
		`href="/plaene/p/kommunen/a?x=1&amp;y=&#34;&gt;&lt;script&gt;"`, `viewBox="0 0 2 1"`} {
		if !strings.Contains(got, want) {
			t.Errorf("cell markup lacks %q:\n%s", want, got)
		}
	}
}
