// Package offset124 declares go 1.24: its maps are Swiss tables, and offset 9
// holds nothing the runtime calls B.
package offset124

import "unsafe"

// B reads what used to be runtime.hmap.B.
func B(m map[string]int) uint8 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*uint8)(unsafe.Add(h, 9)) // want "fixed offset 9 into the map header of m assumes runtime.hmap.B there .64-bit layout.: go.mod declares go 1.24, whose maps are swiss tables .internal/runtime/maps. with no hmap"
}
