package linkiter

import "unsafe"

// iter has room for the runtime's hiter (12 words in Go 1.23) and more.
type iter struct {
	key   unsafe.Pointer
	value unsafe.Pointer
	_     [20]uintptr
}

// Walk calls f for each key pointer of the map whose header is m.
func Walk(typ, m unsafe.Pointer, f func(k unsafe.Pointer)) {
	var it iter
	mapiterinit(typ, m, unsafe.Pointer(&it))
	for it.key != nil {
		f(it.key)
		mapiternext(unsafe.Pointer(&it))
	}
}
