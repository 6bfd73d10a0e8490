// Package lookalike declares types named like runtime types that never hold a
// map header.
package lookalike

import "unsafe"

type hmap struct{ a, b int }

type bmap struct {
	keys []string
}

type hiter struct {
	pos int
}

// Sum reads an hmap built from two ints.
func Sum(a, b int) int {
	h := hmap{a, b}
	return h.a + h.b
}

type pair struct{ x, y int }

// FromPair reinterprets a pair, not a map.
func FromPair(p *pair) *hmap {
	return (*hmap)(unsafe.Pointer(p))
}

// Next walks a bmap with an hiter.
func (it *hiter) Next(b *bmap) (string, bool) {
	if it.pos >= len(b.keys) {
		return "", false
	}
	it.pos++
	return b.keys[it.pos-1], true
}
