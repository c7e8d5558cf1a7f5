package pglocal

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// requiredBinaries must all sit in one folder: initdb finds postgres next to
// itself, and a mix of versions would break the cluster.
var requiredBinaries = []string{"postgres", "initdb", "pg_ctl"}

// errNotFound is one line because it ends up as the only output of
// `planwerk serve` and of a failing test run on a machine without PostgreSQL.
var errNotFound = errors.New("PostgreSQL-Serverprogramme nicht gefunden: bitte das Paket „postgresql“ installieren " +
	"(Debian/Ubuntu: sudo apt-get install postgresql) oder PLANWERK_DATABASE_URL auf einen bestehenden Server setzen. / " +
	"PostgreSQL server binaries not found: install the postgresql package or set PLANWERK_DATABASE_URL.")

// FindBinaries returns the folder holding postgres, initdb and pg_ctl. It
// looks on PATH first, then asks pg_config, then takes the highest version
// installed in the Debian/Ubuntu (/usr/lib/postgresql/N/bin) or RPM
// (/usr/pgsql-N/bin) layout, because those distributions keep the server
// programs off PATH.
func FindBinaries() (string, error) {
	for _, candidates := range []func() []string{onPath, fromPgConfig, versionedDirs} {
		for _, dir := range candidates() {
			if hasBinaries(dir) {
				return dir, nil
			}
		}
	}
	return "", errNotFound
}

func onPath() []string {
	p, err := exec.LookPath("postgres")
	if err != nil {
		return nil
	}
	return []string{filepath.Dir(p)}
}

func fromPgConfig() []string {
	out, err := exec.Command("pg_config", "--bindir").Output()
	if err != nil {
		return nil
	}
	return []string{strings.TrimSpace(string(out))}
}

func versionedDirs() []string {
	var dirs []string
	for _, pattern := range []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"} {
		matches, _ := filepath.Glob(pattern) // the patterns are constant and valid
		dirs = append(dirs, matches...)
	}
	return sortByVersion(dirs)
}

func hasBinaries(dir string) bool {
	for _, name := range requiredBinaries {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// sortByVersion orders versioned folders highest first; it compares the
// numbers in the path, so "15" beats "9.6" (a string sort would not).
func sortByVersion(dirs []string) []string {
	sorted := append([]string(nil), dirs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return compareVersions(versionOf(sorted[i]), versionOf(sorted[j])) > 0
	})
	return sorted
}

// versionOf extracts the numbers of the first path element that starts with a
// digit or carries a "-N" suffix: /usr/lib/postgresql/15/bin → [15],
// /usr/pgsql-9.6/bin → [9 6].
func versionOf(dir string) []int {
	for _, elem := range strings.Split(filepath.ToSlash(dir), "/") {
		if i := strings.LastIndex(elem, "-"); i >= 0 {
			elem = elem[i+1:]
		}
		if elem == "" || elem[0] < '0' || elem[0] > '9' {
			continue
		}
		var nums []int
		for _, part := range strings.Split(elem, ".") {
			n, err := strconv.Atoi(part)
			if err != nil {
				break
			}
			nums = append(nums, n)
		}
		return nums
	}
	return nil
}

func compareVersions(a, b []int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return len(a) - len(b)
}
