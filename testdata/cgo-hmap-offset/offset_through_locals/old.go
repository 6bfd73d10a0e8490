package locals

import "unsafe"

// oldBuckets follows the header through a second helper variable.
func oldBuckets(m map[int]string) unsafe.Pointer {
	hdr := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	p := hdr
	p = unsafe.Add(p, 24) // want "fixed offset 24 into the map header of m assumes runtime.hmap.oldbuckets there"
	return *(*unsafe.Pointer)(p)
}

var _ = oldBuckets
