package domain_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"text/template"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/web"
)

// germanMessages are the German texts of web/locales, read once.
var germanMessages = sync.OnceValues(func() (map[string]string, error) {
	files, err := fs.Glob(web.Locales, "locales/*.de.json")
	if err != nil {
		return nil, err
	}
	all := map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(web.Locales, f)
		if err != nil {
			return nil, err
		}
		var msgs map[string]any // plural messages are objects: not needed here
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for id, m := range msgs {
			if text, ok := m.(string); ok {
				all[id] = text
			}
		}
	}
	return all, nil
})

// german is what a German page shows for err: its message id from
// web/locales with the arguments filled in and states labelled, as the UI's
// ErrorText does. The rules carry no German themselves, so their tests read
// the texts the user sees from the message files.
func german(t *testing.T, err error) string {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Key == "" {
		t.Fatalf("error %v has no message id", err)
	}
	msgs, lerr := germanMessages()
	if lerr != nil {
		t.Fatal(lerr)
	}
	text, ok := msgs[de.Key]
	if !ok {
		t.Fatalf("message id %q is not in web/locales", de.Key)
	}
	data := map[string]string{}
	for i := 0; i+1 < len(de.Args); i += 2 {
		name, value := fmt.Sprint(de.Args[i]), fmt.Sprint(de.Args[i+1])
		data[name] = germanArg(msgs, name, value)
	}
	var out strings.Builder
	if err := template.Must(template.New("").Parse(text)).Execute(&out, data); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// germanArg labels an argument by the end of its name (see domain.Error).
func germanArg(msgs map[string]string, name, value string) string {
	prefix := map[string]string{"State": "state.", "Support": "support.", "Thing": "error.thing."}
	for suffix, p := range prefix {
		if strings.HasSuffix(name, suffix) {
			return msgs[p+value]
		}
		if strings.HasSuffix(name, suffix+"s") {
			var quoted []string
			for _, id := range strings.Split(value, ",") {
				quoted = append(quoted, "„"+msgs[p+id]+"“")
			}
			return strings.Join(quoted, ", ")
		}
	}
	return value
}
