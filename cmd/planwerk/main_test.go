package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/planwerk/planwerk/internal/testdb"
)

func TestMain(m *testing.M) {
	code := testdb.Run(m)
	// The binary the shutdown tests built (once per run) goes with them.
	if build.path != "" {
		_ = os.RemoveAll(filepath.Dir(build.path))
	}
	os.Exit(code)
}
