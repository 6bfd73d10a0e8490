// Package names declares types named like runtime types that never come from
// a map.
package names

import "unsafe"

type hmap struct{ a, b int }

type pair struct{ x, y int }

// AsHmap reinterprets a pair, not a map.
func AsHmap(p pair) int {
	h := (*hmap)(unsafe.Pointer(&p))
	return h.a + h.b
}

type hiter struct {
	i int
}

// Next advances a slice cursor called hiter.
func (it *hiter) Next(s []int) (int, bool) {
	if it.i >= len(s) {
		return 0, false
	}
	it.i++
	return s[it.i-1], true
}
