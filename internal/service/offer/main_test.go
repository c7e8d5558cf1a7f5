package offer_test

import (
	"testing"

	"github.com/planwerk/planwerk/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }
