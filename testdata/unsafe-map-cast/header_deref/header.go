// Package header takes the runtime header pointer of a map, the first step of
// every layout-dependent trick.
package header

import "unsafe"

// Header returns the address of the map header m points to.
func Header(m map[string]int) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m)) // want "map m is reinterpreted through unsafe.Pointer as .unsafe.Pointer, assuming the runtime's map header layout: this layout is not an API and changed in go 1.24"
}

// SameMap reports whether a and b share one header.
func SameMap(a, b map[int]bool) bool {
	pa := *(*uintptr)(unsafe.Pointer(&a)) // want "map a is reinterpreted through unsafe.Pointer as .uintptr"
	pb := *(*uintptr)(unsafe.Pointer(&b)) // want "map b is reinterpreted through unsafe.Pointer as .uintptr"
	return pa == pb
}
