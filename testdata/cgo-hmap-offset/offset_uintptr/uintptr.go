// Package uptr reads header fields with uintptr arithmetic.
package uptr

import "unsafe"

// Flags reads the flags byte at offset 8.
func Flags(m map[string]int) uint8 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*uint8)(unsafe.Pointer(uintptr(h) + 8)) // want "fixed offset 8 into the map header of m assumes runtime.hmap.flags there"
}

// NOverflow reads the overflow counter at offset 10.
func NOverflow(m map[int]int) uint16 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*uint16)(unsafe.Pointer(uintptr(h) + unsafe.Sizeof(int(0)) + 2)) // want "fixed offset 10 into the map header of m assumes runtime.hmap.noverflow there"
}

// Odd reads at an offset inside the count word.
func Odd(m map[int]int) uint32 {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*uint32)(unsafe.Pointer(uintptr(h) + 4)) // want "fixed offset 4 into the map header of m assumes bytes of runtime.hmap.count there"
}
