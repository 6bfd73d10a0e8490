// Package linkfast pulls the runtime's specialised map functions, as
// github.com/ugorji/go/codec (helper_unsafe_compiler_gc.go) and
// github.com/bytedance/sonic do. The Go 1.23 linker accepts every name here
// except reflect.mapassign_faststr (reflect's Go wrapper, not marked for
// linkname): without the want comments, building this package would need
// -ldflags=-checklinkname=0. (With them it only type-checks: go vet, not go
// build.)
package linkfast

import "unsafe"

//go:linkname mapassign_faststr runtime.mapassign_faststr // want "go:linkname to runtime.mapassign_faststr binds to the runtime's map implementation, which is not an API: the map implementation behind it changed in go 1.24"
//go:noescape
func mapassign_faststr(typ unsafe.Pointer, m unsafe.Pointer, s string) unsafe.Pointer

//go:linkname mapaccess2_fast64 runtime.mapaccess2_fast64 // want "go:linkname to runtime.mapaccess2_fast64 binds"
//go:noescape
func mapaccess2_fast64(typ unsafe.Pointer, m unsafe.Pointer, key uint64) (val unsafe.Pointer, ok bool)

//go:linkname mapaccess1_fast32 runtime.mapaccess1_fast32 // want "go:linkname to runtime.mapaccess1_fast32 binds"
func mapaccess1_fast32(typ unsafe.Pointer, m unsafe.Pointer, key uint32) unsafe.Pointer

//go:linkname mapdelete_fast64 runtime.mapdelete_fast64 // want "go:linkname to runtime.mapdelete_fast64 binds"
func mapdelete_fast64(typ unsafe.Pointer, m unsafe.Pointer, key uint64)

//go:linkname mapassign_fast32ptr runtime.mapassign_fast32ptr // want "go:linkname to runtime.mapassign_fast32ptr binds"
func mapassign_fast32ptr(typ unsafe.Pointer, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//go:linkname makemap_small runtime.makemap_small // want "go:linkname to runtime.makemap_small binds"
func makemap_small() unsafe.Pointer

//go:linkname mapassignStr reflect.mapassign_faststr // want "go:linkname to reflect.mapassign_faststr binds to the runtime's map implementation, which is not an API: go 1.23's linker rejects it without -ldflags=-checklinkname=0"
func mapassignStr(typ unsafe.Pointer, m unsafe.Pointer, key string, val unsafe.Pointer)

var (
	_ = mapassign_faststr
	_ = mapaccess2_fast64
	_ = mapaccess1_fast32
	_ = mapdelete_fast64
	_ = mapassign_fast32ptr
	_ = makemap_small
	_ = mapassignStr
)
