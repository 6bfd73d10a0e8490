// Package linkother links runtime functions that are not map functions.
//
// An older version used
// //go:linkname mapiterinit runtime.mapiterinit
// but that text is documentation, not a directive.
package linkother

import _ "unsafe"

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname cheaprand runtime.cheaprand
func cheaprand() uint32

// mapiterinit is a local helper that only shares the runtime's name.
func mapiterinit(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

var (
	_ = nanotime
	_ = cheaprand
	_ = mapiterinit
)
