// Package itermirror copies runtime.hiter the way github.com/modern-go/reflect2
// (unsafe_link.go) does, with value where the runtime says elem.
package itermirror

import "unsafe"

// A hash iteration structure, copied from the runtime.
type hiter struct { // want "struct hiter mirrors the runtime's map iterator runtime.hiter .*: this layout is not an API and changed in go 1.24"
	key         unsafe.Pointer
	value       unsafe.Pointer
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
