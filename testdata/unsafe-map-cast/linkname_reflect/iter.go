package linkreflect

import "unsafe"

// hiter copies the pre-1.24 iterator with the field names reflect2 uses.
type hiter struct {
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

// Keys returns the key pointers of the map with header m.
func Keys(rtype, m unsafe.Pointer) []unsafe.Pointer {
	var it hiter
	var out []unsafe.Pointer
	for mapiterinit(rtype, m, &it); it.key != nil; mapiternext(&it) {
		out = append(out, it.key)
	}
	return out
}
