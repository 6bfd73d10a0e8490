// Package linkreflect pulls reflect's map functions the way
// github.com/modern-go/reflect2 (unsafe_link.go, go_above_118.go) does. Its
// own go.mod says go 1.24, so the messages speak of Swiss tables. The Go 1.23
// linker would accept these names; the fixture only type-checks (go vet),
// because of the want comments after the directives.
package linkreflect

import "unsafe"

//go:linkname mapiterinit reflect.mapiterinit // want "go:linkname to reflect.mapiterinit binds to the runtime's map implementation, which is not an API: callers must allocate a hiter of the runtime's exact layout, and go.mod declares go 1.24, whose maps are swiss tables .internal/runtime/maps. with no hmap"
func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer, it *hiter)

//go:linkname mapiternext reflect.mapiternext // want "go:linkname to reflect.mapiternext binds.*go.mod declares go 1.24"
func mapiternext(it *hiter)

//go:linkname mapassign reflect.mapassign // want "go:linkname to reflect.mapassign binds to the runtime's map implementation, which is not an API: go.mod declares go 1.24, whose maps are swiss tables"
func mapassign(rtype unsafe.Pointer, m unsafe.Pointer, key unsafe.Pointer, val unsafe.Pointer)

//go:linkname mapaccess reflect.mapaccess // want "go:linkname to reflect.mapaccess binds"
func mapaccess(rtype unsafe.Pointer, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//go:linkname maplen reflect.maplen // want "go:linkname to reflect.maplen binds"
func maplen(m unsafe.Pointer) int

//go:linkname makemap reflect.makemap // want "go:linkname to reflect.makemap binds"
func makemap(rtype unsafe.Pointer, cap int) unsafe.Pointer

var (
	_ = mapassign
	_ = mapaccess
	_ = maplen
	_ = makemap
)
