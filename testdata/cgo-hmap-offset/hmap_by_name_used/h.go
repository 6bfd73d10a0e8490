// Package byname declares a small struct called hmap and produces it from a
// map header: the name and the use together make it a mirror.
package byname

import "unsafe"

type hmap struct { // want "struct hmap mirrors the runtime's map header runtime.hmap .by name.: this layout is not an API and changed in go 1.24"
	n    int
	bits uint8
}

// Count reads the count word through the mirror.
func Count(m map[string]int) int {
	h := (*hmap)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
	return h.n
}
