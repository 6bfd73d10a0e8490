// Package add reads header fields with unsafe.Add at constant offsets.
package add

import "unsafe"

// B reads the byte at offset 9 of the header: runtime.hmap.B on 64-bit.
func B(m map[string]int) uint8 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*uint8)(unsafe.Add(h, 9)) // want "fixed offset 9 into the map header of m assumes runtime.hmap.B there .64-bit layout.: this layout is not an API and changed in go 1.24"
}

// Hash0 reads the hash seed at offset 12.
func Hash0(m map[int]bool) uint32 {
	return *(*uint32)(unsafe.Add(*(*unsafe.Pointer)(unsafe.Pointer(&m)), 12)) // want "fixed offset 12 into the map header of m assumes runtime.hmap.hash0 there"
}

// Buckets reads the bucket array pointer at offset 16.
func Buckets(m map[string]string) unsafe.Pointer {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*unsafe.Pointer)(unsafe.Add(h, 2*8)) // want "fixed offset 16 into the map header of m assumes runtime.hmap.buckets there"
}
