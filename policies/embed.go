// Package policies holds the casbin access model and policy, reviewed in the
// repository and embedded in the binary.
package policies

import _ "embed"

// Model is the casbin model (RBAC with domains).
//
//go:embed model.conf
var Model string

// Policy lists every permission, one casbin policy line each.
//
//go:embed policy.csv
var Policy string
