package itermirror

import "unsafe"

// Iterator wraps a runtime iterator of a map whose header it was given.
type Iterator struct {
	*hiter
	keyType unsafe.Pointer
}

// Done reports whether the iteration ended.
func (it *Iterator) Done() bool { return it.key == nil }

// cursor is a second copy, under another name, that keeps the runtime's field
// names in the runtime's order.
type cursor struct { // want "struct cursor mirrors the runtime's map iterator runtime.hiter"
	key         unsafe.Pointer
	elem        unsafe.Pointer
	t           unsafe.Pointer
	h           unsafe.Pointer
	buckets     unsafe.Pointer
	bptr        unsafe.Pointer
	overflow    unsafe.Pointer
	oldoverflow unsafe.Pointer
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}

var _ cursor
