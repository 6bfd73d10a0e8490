// Package local keeps unsafe.Pointer(&m) in a variable before converting it.
package local

import "unsafe"

type header struct {
	count int
}

// Count converts a stored unsafe.Pointer(&m).
func Count(m map[int]int) int {
	p := unsafe.Pointer(&m)
	hp := (**header)(p) // want "map m is reinterpreted through unsafe.Pointer as ..header"
	return (*hp).count
}

// Deref dereferences the stored pointer after an assignment.
func Deref(m map[string]string) unsafe.Pointer {
	var p unsafe.Pointer
	p = unsafe.Pointer(&m)
	return *(*unsafe.Pointer)(p) // want "map m is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
}
