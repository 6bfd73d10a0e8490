// Package count reads the element count of a map from the first word of its
// header, as github.com/ugorji/go/codec does (helper_unsafe.go, len_map_chan).
package count

import "unsafe"

// Len returns len(m) the hard way.
func Len(m map[string]any) int {
	return **(**int)(unsafe.Pointer(&m)) // want "map m is reinterpreted through unsafe.Pointer as ..int"
}

// LenVia reads the count through the header pointer.
func LenVia(m map[int]int) int {
	hdr := *(*unsafe.Pointer)(unsafe.Pointer(&m)) // want "map m is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
	if hdr == nil {
		return 0
	}
	return *(*int)(hdr)
}
