package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// APIToken is a personal API token as its owner sees it; the secret itself
// is shown once at creation and never kept (only its hash is stored).
type APIToken struct {
	ID         int64      `db:"id"`
	UserID     int64      `db:"user_id"`
	Name       string     `db:"name"`
	CreatedAt  time.Time  `db:"created_at"`
	ExpiresAt  time.Time  `db:"expires_at"`
	LastUsedAt *time.Time `db:"last_used_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
}

// Usable reports whether the token authenticates a request at now.
func (t APIToken) Usable(now time.Time) bool {
	return t.RevokedAt == nil && now.Before(t.ExpiresAt)
}

// APITokenMaxName is the longest name a token may carry.
const APITokenMaxName = 100

// APITokenValidity are the lifetimes a user may choose, in days: a token
// always expires.
var APITokenValidity = []int{30, 90, 365}

// CheckAPITokenName validates a token's name and returns it trimmed.
func CheckAPITokenName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Keyed(CodeInvalid, "name", "error.token.nameMissing", "token name missing")
	}
	if utf8.RuneCountInString(name) > APITokenMaxName {
		return "", Keyed(CodeInvalid, "name", "error.token.nameTooLong",
			"token name too long")
	}
	return name, nil
}

type apiTokenKey struct{}

// WithAPIToken marks ctx as a request authenticated by the API token id:
// every audit event written for it names the token. The provenance of a
// change travels with the request, like its deadline, so no use case needs
// to know which door the request came through.
func WithAPIToken(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, apiTokenKey{}, id)
}

// APITokenOf is the token a request was authenticated by, or nil.
func APITokenOf(ctx context.Context) *int64 {
	id, ok := ctx.Value(apiTokenKey{}).(int64)
	if !ok {
		return nil
	}
	return &id
}
