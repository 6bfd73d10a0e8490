// Package linkiter iterates maps through the runtime's iterator, the way
// github.com/ugorji/go/codec (helper_unsafe.go) does. Its own go.mod says
// go 1.22. All three names are compiler builtins or marked for linkname in
// Go 1.23, so the Go 1.23 linker would accept them. (The fixture itself only
// type-checks: the compiler rejects a //go:linkname line with a trailing
// want comment, so check it with go vet, not go build.)
package linkiter

import "unsafe"

//go:linkname mapiterinit runtime.mapiterinit // want "go:linkname to runtime.mapiterinit binds to the runtime's map implementation, which is not an API: callers must allocate a hiter of the runtime's exact layout, and the map implementation behind it changed in go 1.24"
//go:noescape
func mapiterinit(typ unsafe.Pointer, m unsafe.Pointer, it unsafe.Pointer)

//go:linkname mapiternext runtime.mapiternext // want "go:linkname to runtime.mapiternext binds to the runtime's map implementation"
//go:noescape
func mapiternext(it unsafe.Pointer)

// mapdelete is linked the same way.
//
//go:linkname mapdelete runtime.mapdelete // want "go:linkname to runtime.mapdelete binds to the runtime's map implementation, which is not an API: the map implementation behind it changed in go 1.24"
//go:noescape
func mapdelete(typ unsafe.Pointer, m unsafe.Pointer, key unsafe.Pointer)

var _ = mapdelete
