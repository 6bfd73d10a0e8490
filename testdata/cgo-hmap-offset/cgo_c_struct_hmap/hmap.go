// Package chmap declares runtime.hmap in C and reads it there.
package chmap

// #include <stdint.h>
// struct hmap { // want "C struct hmap mirrors the runtime's map header runtime.hmap .fields count, flags, B, noverflow, hash0, buckets, oldbuckets, nevacuate, extra.: this layout is not an API and changed in go 1.24"
// 	intptr_t count;
// 	uint8_t flags;
// 	uint8_t B;
// 	uint16_t noverflow;
// 	uint32_t hash0;
// 	void *buckets;
// 	void *oldbuckets;
// 	uintptr_t nevacuate;
// 	void *extra;
// };
// typedef struct {
// 	void *key;
// 	void *elem;
// 	void *t;
// 	void *h;
// 	void *buckets;
// 	void *bptr;
// } GoIter; // want "C struct GoIter mirrors the runtime's map iterator runtime.hiter .fields key, elem, t, h, buckets, bptr."
// static int hmap_b(struct hmap *h) { return h->B; }
import "C"

import "unsafe"

// B reads runtime.hmap.B through the C struct.
func B(m map[int]int) int {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return int(C.hmap_b((*C.struct_hmap)(h))) // want "map m is passed to C.hmap_b"
}

var _ C.GoIter
