// Shape: parallel subtests (t.Run + t.Parallel, normalize_test.go) write one map declared in the parent test; no main, `go test -race` reports a race.
package normalize

import "strings"

func Normalize(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
