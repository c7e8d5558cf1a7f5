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

// parsePage reads where a page of an open dataset starts: cursor, the last
// id of the page before (empty: the first page), and modified_since
// (RFC 3339; empty: no filter).
func parsePage(cursor, modifiedSince string) (after int64, since *time.Time, err error) {
	if cursor != "" {
		if after, err = strconv.ParseInt(cursor, 10, 64); err != nil || after < 0 {
			return 0, nil, huma.Error422UnprocessableEntity("cursor ungültig")
		}
	}
	if modifiedSince != "" {
		t, err := time.Parse(time.RFC3339, modifiedSince)
		if err != nil {
			return 0, nil, huma.Error422UnprocessableEntity("modified_since: erwartet RFC 3339, z. B. 2026-01-31T00:00:00Z")
		}
		since = &t
	}
	return after, since, nil
}

func (a *API) licence() string {
	if a.deps.DataLicence != "" {
		return a.deps.DataLicence
	}
	return DefaultLicence
}
