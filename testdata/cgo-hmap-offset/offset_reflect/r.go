// Package roff reaches the header through reflect, then adds offsets.
package roff

import (
	"reflect"
	"unsafe"
)

// B reads the byte at offset 9 of the header reflect hands out.
func B(m map[string]int) uint8 {
	h := reflect.ValueOf(m).UnsafePointer()
	return *(*uint8)(unsafe.Add(h, 9)) // want "fixed offset 9 into the map header of m assumes runtime.hmap.B there"
}

// Seed reads offset 12 from the uintptr form.
func Seed(m map[int]int) uint32 {
	return *(*uint32)(unsafe.Add(unsafe.Pointer(reflect.ValueOf(m).Pointer()), 12)) // want "fixed offset 12 into the map header of m assumes runtime.hmap.hash0 there"
}
