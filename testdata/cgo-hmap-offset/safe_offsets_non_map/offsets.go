// Package nonmap does pointer arithmetic on structs, arrays and slices.
package nonmap

import "unsafe"

type header struct {
	magic   uint64
	version uint8
	flags   uint8
}

// Flags reads offset 9 of a struct that is not a map header.
func Flags(h *header) uint8 {
	return *(*uint8)(unsafe.Add(unsafe.Pointer(h), 9))
}

// Second reads the second element of a slice.
func Second(s []uint64) uint64 {
	return *(*uint64)(unsafe.Pointer(uintptr(unsafe.Pointer(&s[0])) + 8))
}

// At walks an array of a map's values, not the map.
func At(m map[string][4]byte, k string) byte {
	arr := m[k]
	return *(*byte)(unsafe.Add(unsafe.Pointer(&arr), 2))
}
