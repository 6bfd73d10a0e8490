// Package rup converts the reflect pointer of a map in one file to a header
// type declared in another.
package rup

import (
	"reflect"
	"unsafe"
)

// Flags returns the runtime flags byte of m.
func Flags(m map[string]bool) uint8 {
	p := reflect.ValueOf(m).UnsafePointer()
	h := (*mapHeader)(p) // want "reflect pointer of map m is converted to .mapHeader"
	return h.flags
}

// Hash0 keeps the converted result of Pointer in a local first.
func Hash0(m map[int]int) uint32 {
	addr := unsafe.Pointer(reflect.ValueOf(m).Pointer())
	return (*mapHeader)(addr).hash0 // want "reflect pointer of map m is converted to .mapHeader"
}
