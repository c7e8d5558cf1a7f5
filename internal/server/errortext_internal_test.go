package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/planwerk/planwerk/internal/domain"
)

func testTranslator(t *testing.T, lang string) translator {
	t.Helper()
	bundle, plain, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	return translator{lang: lang, loc: i18n.NewLocalizer(bundle, lang), plain: plain[lang]}
}

// workflowErrors runs every workflow step from every state, known or not,
// with missing, short and overlong texts, and returns each distinct refusal.
func workflowErrors() []*domain.Error {
	seen := map[string]*domain.Error{}
	add := func(_ domain.Workflow, err error) {
		var de *domain.Error
		if errors.As(err, &de) {
			seen[de.Key+fmt.Sprint(de.Args)] = de
		}
	}
	texts := []string{"", "Grund", strings.Repeat("x", domain.MaxSupportTextLen+1)}
	relevances := slices.Concat(domain.Relevances, []domain.Relevance{"bogus"})
	statuses := slices.Concat(domain.Statuses, []domain.Status{"", "bogus"})
	supports := slices.Concat(domain.Supports, []domain.Support{"bogus"})
	for _, r := range relevances {
		for _, s := range statuses {
			for _, sup := range supports {
				w := domain.Workflow{Relevance: r, Status: s, Support: sup}
				for _, text := range texts {
					for _, to := range relevances {
						add(w.DecideRelevance(to, text))
					}
					for _, to := range statuses {
						add(w.ChangeStatus(to, text))
					}
					add(w.RequestSupport(text))
					for _, to := range supports {
						add(w.AnswerSupport(to, text))
					}
				}
				for _, p := range []int{-1, 0, 50, 100, 101} {
					add(w.SetProgress(p))
				}
			}
		}
	}
	out := make([]*domain.Error, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	return out
}

// Every refusal of the workflow rules has a message id; in both languages it
// reads as a sentence with its states translated and no placeholder left
// over, in English it is English. (internal/domain's tests check the German
// texts word for word.) Every workflow message in web/locales is one the
// rules can give.
func TestWorkflowErrorsReadTheSameInGermanAndAreTranslatedToEnglish(t *testing.T) {
	de, en := testTranslator(t, "de"), testTranslator(t, "en")
	errs := workflowErrors()
	if len(errs) < 20 {
		t.Fatalf("only %d distinct workflow errors found", len(errs))
	}
	used := map[string]bool{}
	leftovers := regexp.MustCompile(`<no value>|\{\{|\b(state|support|error)\.[a-z]|„|[äöüß]`)
	placeholders := regexp.MustCompile(`<no value>|\{\{|\b(state|support|error)\.[a-z]`)
	for _, e := range errs {
		if e.Key == "" {
			t.Errorf("no message id: %q", e.Message)
			continue
		}
		used[e.Key] = true
		german := de.ErrorText(e)
		if german == de.T("error.msg.refused") || placeholders.MatchString(german) {
			t.Errorf("%s in German: %q (args %v)", e.Key, german, e.Args)
		}
		got := en.ErrorText(e)
		if got == german || got == e.Message || leftovers.MatchString(got) {
			t.Errorf("%s in English is not (all) English: %q (args %v)", e.Key, got, e.Args)
		}
	}
	for id := range LocaleMessages(t, "de") {
		if strings.HasPrefix(id, "error.workflow.") && !used[id] {
			t.Errorf("%s is in web/locales but no workflow refusal uses it", id)
		}
	}
}

// The English list of allowed states is translated and quoted one by one.
func TestErrorTextTranslatesTheArguments(t *testing.T) {
	de, en := testTranslator(t, "de"), testTranslator(t, "en")
	w := domain.Workflow{Relevance: domain.RelevanceRelevant, Status: domain.StatusInProgress, Support: domain.SupportNone}
	_, err := w.ChangeStatus(domain.StatusPlanned, "")
	wantEn := "A change from “in progress” to “planned” is not possible. Possible are: “on hold”, “completed”, “cancelled”."
	if got := en.ErrorText(err); got != wantEn {
		t.Errorf("English:\n got %q\nwant %q", got, wantEn)
	}
	wantDe := "Von „in Umsetzung“ aus ist ein Wechsel zu „geplant“ nicht möglich. Möglich sind: „zurückgestellt“, „umgesetzt“, „entfallen“."
	if got := de.ErrorText(err); got != wantDe {
		t.Errorf("German:\n got %q\nwant %q", got, wantDe)
	}

	exists := &domain.Error{Code: domain.CodeConflict, Message: "implementation exists already",
		Key: "error.store.exists", Args: []any{"Thing", "implementation"}}
	if got := en.ErrorText(exists); got != "The implementation already exists." {
		t.Errorf("exists in English: %q", got)
	}
	if got := de.ErrorText(exists); got != "Umsetzung existiert bereits." {
		t.Errorf("exists in German: %q", got)
	}
	// Message is developer text: an error without an id shows a generic
	// refusal, never its Message; internals never show.
	plain := domain.Errorf(domain.CodeConflict, "developer text")
	if got := en.ErrorText(plain); got != en.T("error.msg.refused") {
		t.Errorf("unkeyed error in English: %q", got)
	}
	if got := de.ErrorText(plain); got != de.T("error.msg.refused") {
		t.Errorf("unkeyed error in German: %q", got)
	}
	for _, internal := range []error{errors.New("pq: secret"), &domain.Error{Code: domain.CodeInternal, Message: "geheim", Key: "error.store.invalid"}} {
		if got := en.ErrorText(internal); got != en.T("error.msg.internal") {
			t.Errorf("internal error shown as %q", got)
		}
	}
	// An id missing from web/locales shows neither the id nor the Message.
	missing := domain.Keyed(domain.CodeInvalid, "", "error.nonexistent", "developer text")
	if got := en.ErrorText(missing); got != en.T("error.msg.refused") {
		t.Errorf("unknown id shown as %q", got)
	}
}

// keyUse finds message ids given to domain errors in Go source: Keyed(code,
// field, "id", …), Key: "id", and e.Key, e.Args = "id".
var keyUse = regexp.MustCompile(`(?s)(?:Keyed\(\s*[\w.]+,\s*(?:[\w.]+|"[^"]*"),\s*|Key:\s*|\.Key, \w+\.Args = |requireText\([^()]*?,\s*)"([a-zA-Z][\w.]*\.[\w.]+)"`)

// TestEveryErrorKeyInTheSourceExists: every message id that internal/domain,
// internal/postgres, internal/auth, a service or this package gives a domain
// error is in web/locales in both languages.
func TestEveryErrorKeyInTheSourceExists(t *testing.T) {
	byLang := map[string]map[string]any{"de": LocaleMessages(t, "de"), "en": LocaleMessages(t, "en")}
	found := 0
	services, err := filepath.Glob("../service/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range append([]string{"../domain", "../postgres", "../auth", "."}, services...) {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
				found++
				for lang, msgs := range byLang {
					if _, ok := msgs[m[1]]; !ok {
						t.Errorf("%s: message id %q has no %s text in web/locales", f, m[1], lang)
					}
				}
			}
		}
	}
	t.Logf("%d ids", found)
	if found < 40 {
		t.Fatalf("found %d message ids: the pattern no longer matches the source", found)
	}
}
