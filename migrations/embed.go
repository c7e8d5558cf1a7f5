// Package migrations holds the SQL schema migrations, embedded in the binary
// and applied in file-name order by goose.
package migrations

import "embed"

// FS holds every migration file (0001_*.sql, …).
//
//go:embed *.sql
var FS embed.FS
