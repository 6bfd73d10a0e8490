package main

import (
	"unsafe"
)

// hiter mirrors the Go 1.23 runtime's map iterator so that mapiterinit can fill it.
// The layout is not an API: Go 1.24 replaced the map implementation.
type hiter struct { // want "struct hiter mirrors the runtime's map iterator"
	key         unsafe.Pointer
	elem        unsafe.Pointer
	t           unsafe.Pointer
	h           unsafe.Pointer
	buckets     unsafe.Pointer
	bptr        unsafe.Pointer
	overflow    *[]unsafe.Pointer
	oldoverflow *[]unsafe.Pointer
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}

// want+1 "go:linkname to runtime.mapiterinit"
//go:linkname mapiterinit runtime.mapiterinit
func mapiterinit(t unsafe.Pointer, m unsafe.Pointer, it *hiter)

// mapLen reads the element count from the map header instead of calling len.
func mapLen(m map[string]int) int {
	return *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m))) // want "map m is reinterpreted through unsafe.Pointer"
}

// iterate is here to keep the linkname in use; it does not call into the runtime.
func iterate(m map[string]int) int {
	var it hiter
	_ = it
	n := 0
	for range m {
		n++
	}
	return n
}
