// Package cmem does fixed-offset arithmetic in C on memory C allocated, and on
// Go byte slices; no map pointer ever reaches these functions.
package cmem

// #include <stdint.h>
// #include <stdlib.h>
// static uint8_t at9(void *p) { return *((uint8_t*)p + 9); }
// static int at8(void *h) { return *(int*)((char*)h + 8); }
// static void *alloc16(void) { return calloc(1, 16); }
import "C"

import "unsafe"

// FromC reads offset 9 and 8 of a C allocation.
func FromC() (int, int) {
	p := C.alloc16()
	defer C.free(p)
	return int(C.at9(p)), int(C.at8(p))
}

// FromBytes passes a Go byte slice, which holds no Go pointers.
func FromBytes(b [16]byte) int {
	return int(C.at9(unsafe.Pointer(&b[0])))
}

// Count passes len of a map, not the map.
func Count(m map[string]int) int {
	buf := [16]byte{9: byte(len(m))}
	return int(C.at9(unsafe.Pointer(&buf[0])))
}
