// Package twofiles has cgo in two files; each passes a map-derived pointer to
// C functions declared in its own preamble.
package twofiles

// #include <stdint.h>
// static long count_of(void *h) {
// 	return *(long*)h; // want "fixed offset 0 into the map header in C function count_of .parameter h. assumes runtime.hmap.count there"
// }
import "C"

import "unsafe"

// Table indexes rows by name.
type Table struct {
	byName map[string]int
}

// Len asks C for the count.
func (t *Table) Len() int {
	hdr := *(*unsafe.Pointer)(unsafe.Pointer(&t.byName))
	return int(C.count_of(hdr)) // want "map t.byName is passed to C.count_of"
}
