// Package swiss declares go 1.24 in its go.mod: its maps are Swiss tables, and
// the header this code expects does not exist there.
package swiss

import "unsafe"

type hmap struct {
	count int
	flags uint8
	B     uint8
}

// Grow reports whether m has 2^6 buckets or more.
func Grow(m map[string]int) bool {
	h := (*hmap)(*(*unsafe.Pointer)(unsafe.Pointer(&m))) // want "map m is reinterpreted through unsafe.Pointer as .unsafe.Pointer, assuming the runtime's map header layout: go.mod declares go 1.24, whose maps are swiss tables .internal/runtime/maps. with no hmap"
	return h.B >= 6
}
