package httpstatus

import (
	"net/http"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestOf(t *testing.T) {
	for code, want := range map[domain.Code]int{
		domain.CodeNotFound: http.StatusNotFound, domain.CodeInvalid: http.StatusUnprocessableEntity,
		domain.CodeConflict: http.StatusConflict, domain.CodeForbidden: http.StatusForbidden,
		domain.CodeUnavailable: http.StatusServiceUnavailable, domain.CodeInternal: http.StatusInternalServerError,
		"": http.StatusInternalServerError,
	} {
		if got := Of(code); got != want {
			t.Errorf("Of(%q) = %d, want %d", code, got, want)
		}
	}
}
