// Package runtime is laid out as the standard library's runtime is
// (<GOROOT>/src/runtime, Go 1.23): these are the map structs themselves, not
// copies of them.
package runtime

import "unsafe"

type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      *mapextra
}

type mapextra struct {
	overflow     *[]*bmap
	oldoverflow  *[]*bmap
	nextOverflow *bmap
}

type bmap struct {
	tophash [8]uint8
}

var _ hmap
