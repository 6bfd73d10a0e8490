// Package safemaps uses the supported ways to size, walk and copy maps.
package safemaps

import (
	"maps"
	"slices"
)

// Sorted returns the keys of m in order.
func Sorted(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}

// Total sums the values with range.
func Total(m map[string]int) (n int) {
	for _, v := range m {
		n += v
	}
	return n
}

// Snapshot copies m.
func Snapshot(m map[string]int) (map[string]int, int) {
	return maps.Clone(m), len(m)
}

// Reset empties m.
func Reset(m map[string]int) {
	clear(m)
}
