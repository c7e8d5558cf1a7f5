package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// DefaultLicence is the open data's licence unless configured otherwise.
const DefaultLicence = "Datenlizenz Deutschland – Namensnennung – Version 2.0"

// openDataCache is how long any cache may keep an open dataset.
const openDataCache = "public, max-age=300"

// openOutput is the answer of every open dataset: an ETag over the body, a
// cache lifetime and CORS open for GET; no body (304) when the client
// already holds it.
type openOutput[B any] struct {
	Status       int
	ETag         string `header:"ETag"`
	CacheControl string `header:"Cache-Control"`
	AllowOrigin  string `header:"Access-Control-Allow-Origin"`
	Body         *B
}

func openAnswer[B any](body *B, ifNoneMatch string) *openOutput[B] {
	raw, _ := json.Marshal(body)
	sum := sha256.Sum256(raw)
	out := &openOutput[B]{Status: http.StatusOK, ETag: `"` + hex.EncodeToString(sum[:12]) + `"`,
		CacheControl: openDataCache, AllowOrigin: "*", Body: body}
	for tag := range strings.SplitSeq(ifNoneMatch, ",") {
		if strings.TrimPrefix(strings.TrimSpace(tag), "W/") == out.ETag {
			out.Status, out.Body = http.StatusNotModified, nil
		}
	}
	return out
}

// parseIDCursor reads an open dataset's cursor: the last id of the page before.
func parseIDCursor(cursor string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(cursor, 10, 64)
	if err != nil || n < 0 {
		return 0, huma.Error422UnprocessableEntity("cursor ungültig")
	}
	return n, nil
}

// parseSince reads modified_since (RFC 3339); empty means no filter.
func parseSince(since string) (*time.Time, error) {
	if since == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, since)
	if err != nil {
		return nil, huma.Error422UnprocessableEntity("modified_since: erwartet RFC 3339, z. B. 2026-01-31T00:00:00Z")
	}
	return &t, nil
}

func (a *API) licence() string {
	if a.deps.DataLicence != "" {
		return a.deps.DataLicence
	}
	return DefaultLicence
}
