// Package passhdr passes the map header itself to C functions that read it at
// fixed offsets.
package passhdr

// #include <stdint.h>
// static uint8_t read_b(void *h) {
// 	return *((uint8_t*)h + 9); // want "fixed offset 9 into the map header in C function read_b .parameter h. assumes runtime.hmap.B there .64-bit layout.: this layout is not an API and changed in go 1.24"
// }
// static int64_t read_count(void *h) { return *(int64_t*)h; } // want "fixed offset 0 into the map header in C function read_count .parameter h. assumes runtime.hmap.count there"
import "C"

import "unsafe"

// B returns the log2 bucket count that C reads.
func B(m map[string]int) uint8 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return uint8(C.read_b(h)) // want "map m is passed to C.read_b as Go memory that holds unpinned Go pointers"
}

// Count returns the count word that C reads.
func Count(m map[int]int) int64 {
	return int64(C.read_count(*(*unsafe.Pointer)(unsafe.Pointer(&m)))) // want "map m is passed to C.read_count"
}
