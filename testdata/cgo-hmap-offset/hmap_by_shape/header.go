// Package byshape copies runtime.hmap under a name of its own.
package byshape

import "unsafe"

// mapHeader must match runtime.hmap (src/runtime/map.go).
type mapHeader struct { // want "struct mapHeader mirrors the runtime's map header runtime.hmap .fields count, flags, B, noverflow, hash0, buckets, oldbuckets, nevacuate, extra.: this layout is not an API and changed in go 1.24"
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      unsafe.Pointer
}

// partial keeps only a prefix of the header, still in the runtime's order.
type partial struct { // want "struct partial mirrors the runtime's map header runtime.hmap .fields count, flags, B, noverflow."
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
}

var (
	_ mapHeader
	_ partial
)
