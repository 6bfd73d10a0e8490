// Package set reads the header of a named map type.
package set

import "unsafe"

// Set is a set of strings.
type Set map[string]struct{}

// Index is a generic-free alias chain over a named map type.
type Index = Set

// Len returns the count word of s.
func (s Set) Len() int {
	return **(**int)(unsafe.Pointer(&s)) // want "map s is reinterpreted through unsafe.Pointer as ..int"
}

// Addr returns the header address of an Index.
func Addr(ix Index) uintptr {
	return uintptr(*(*unsafe.Pointer)(unsafe.Pointer(&ix))) // want "map ix is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
}
