// Package locals derives the header pointer in one function and follows it
// through several locals before the arithmetic. Its own go.mod says go 1.22.
package locals

import "unsafe"

// Stats is a view of a map's internals.
type Stats struct {
	Count     int
	Nevacuate uintptr
	Extra     unsafe.Pointer
}

// Inspect fills Stats from m.
func Inspect(m map[string][]int) Stats {
	hp := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	base := hp
	q := unsafe.Add(base, 32) // want "fixed offset 32 into the map header of m assumes runtime.hmap.nevacuate there .64-bit layout.: this layout is not an API and changed in go 1.24"
	var extra unsafe.Pointer
	extra = base
	extra = unsafe.Add(extra, 40) // want "fixed offset 40 into the map header of m assumes runtime.hmap.extra there"
	return Stats{Count: len(m), Nevacuate: *(*uintptr)(q), Extra: *(*unsafe.Pointer)(extra)}
}
