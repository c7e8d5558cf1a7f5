package server_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"

	"github.com/planwerk/planwerk/internal/api"
)

// TestAPIOpenAPIDocument fetches the description from the running server
// (without a token: it holds no data), validates it against the OpenAPI 3.1
// schema and compares its operations with those the API registered, both
// ways: the document can neither promise nor hide an operation.
func TestAPIOpenAPIDocument(t *testing.T) {
	a := newApp(t)
	status, body, hdr := a.apiCall(t, "", http.MethodGet, api.OpenAPIPath, "")
	if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/") {
		t.Fatalf("GET %s = %d (%s)", api.OpenAPIPath, status, hdr.Get("Content-Type"))
	}
	doc, err := libopenapi.NewDocument([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetSpecInfo().Version; !strings.HasPrefix(v, "3.1") {
		t.Fatalf("OpenAPI version %q, want 3.1", v)
	}
	if ok, errs := schema_validation.ValidateOpenAPIDocument(doc); !ok {
		for _, e := range errs {
			t.Errorf("invalid OpenAPI 3.1: %s (%s)", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	var registered []string
	public := map[string]bool{}
	for _, op := range a.API.Operations() {
		registered = append(registered, op.Method+" "+op.Path)
		public[op.Method+" "+op.Path] = op.Permission.Public
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if strings.Join(documented, "\n") != strings.Join(registered, "\n") {
		t.Fatalf("documented operations:\n%s\nregistered operations:\n%s",
			strings.Join(documented, "\n"), strings.Join(registered, "\n"))
	}
	for _, op := range registered {
		// Every registered operation answers (it is routed, not a 404 of the router).
		method, path, _ := strings.Cut(op, " ")
		path = strings.NewReplacer("{plan}", "x", "{org}", "x", "{id}", "1").Replace(path)
		status, body, _ := a.apiCall(t, "", method, api.Base+path, "")
		want := http.StatusUnauthorized
		if public[op] { // open data: no token needed; plan x is not published
			want = http.StatusOK
			if strings.Contains(op, "{plan}") {
				want = http.StatusNotFound
			}
		}
		if status != want {
			t.Errorf("%s %s without a token = %d, want %d: %s", method, path, status, want, body)
		}
	}
}
