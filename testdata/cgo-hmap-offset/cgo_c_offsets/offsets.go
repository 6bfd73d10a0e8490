// Package coffsets reads the header in C in several spellings. Its go.mod
// says go 1.24, so every message speaks of Swiss tables.
package coffsets

// #include <stdint.h>
// static int flags_of(void *h) {
// 	return *(int*)((char*)h + 8); // want "fixed offset 8 into the map header in C function flags_of .parameter h. assumes runtime.hmap.flags there .64-bit layout.: go.mod declares go 1.24, whose maps are swiss tables .internal/runtime/maps. with no hmap"
// }
// static int b_of(void *h) {
// 	return ((uint8_t*)h)[9]; // want "fixed offset 9 into the map header in C function b_of .parameter h. assumes runtime.hmap.B there"
// }
// static int noverflow_of(const void *h) {
// 	return ((const uint16_t*)h)[5]; // want "fixed offset 10 into the map header in C function noverflow_of .parameter h. assumes runtime.hmap.noverflow there"
// }
// static void *buckets_of(void *h) {
// 	char *p = (char*)h;
// 	return *(void**)(p + 16); // want "fixed offset 16 into the map header in C function buckets_of .parameter h. assumes runtime.hmap.buckets there"
// }
// static uint32_t seed_of(int unused, unsigned char *h) {
// 	unsigned char *q = h + 8;
// 	(void)unused;
// 	return *(uint32_t*)(q + 4); // want "fixed offset 12 into the map header in C function seed_of .parameter h. assumes runtime.hmap.hash0 there"
// }
import "C"

import "unsafe"

func header(m map[string]int) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m))
}

// Dump reads every field C knows about.
func Dump(m map[string]int) (int, int, int, unsafe.Pointer, uint32) {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	f := int(C.flags_of(h))                                  // want "map m is passed to C.flags_of"
	b := int(C.b_of(h))                                      // want "map m is passed to C.b_of"
	n := int(C.noverflow_of(h))                              // want "map m is passed to C.noverflow_of"
	bk := C.buckets_of(h)                                    // want "map m is passed to C.buckets_of"
	s := uint32(C.seed_of(0, (*C.uchar)(h)))                 // want "map m is passed to C.seed_of"
	return f, b, n, bk, s
}

var _ = header
