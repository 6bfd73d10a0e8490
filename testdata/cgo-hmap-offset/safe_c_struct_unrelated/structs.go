// Package cstructs declares C structs that are not map headers, one of them
// merely named hmap, and never feeds them a map.
package cstructs

// #include <stdint.h>
// struct point { int x, y; };
// struct hmap { int a; int b; };
// struct stats { long count; unsigned char flags; int buckets; };
// static int sum(struct hmap *h) { return h->a + h->b; }
// static int norm1(struct point p) { return p.x + p.y; }
import "C"

// Sum fills the C struct called hmap from Go ints.
func Sum(a, b int) int {
	h := C.struct_hmap{a: C.int(a), b: C.int(b)}
	return int(C.sum(&h))
}

// Norm passes a C struct by value.
func Norm(x, y int) int {
	return int(C.norm1(C.struct_point{x: C.int(x), y: C.int(y)}))
}

var _ C.struct_stats
