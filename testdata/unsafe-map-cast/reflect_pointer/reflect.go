// Package reflectptr reaches the map header through reflect.Value.Pointer.
package reflectptr

import (
	"reflect"
	"unsafe"
)

type hmap struct {
	count int
	flags uint8
	B     uint8
}

// B returns the log2 bucket count of m.
func B(m map[string]int) uint8 {
	h := (*hmap)(unsafe.Pointer(reflect.ValueOf(m).Pointer())) // want "reflect pointer of map m is converted to .hmap, assuming the runtime's map header layout: this layout is not an API and changed in go 1.24"
	return h.B
}

// Count reads the count word.
func Count(m map[int]string) int {
	return *(*int)(reflect.ValueOf(m).UnsafePointer()) // want "reflect pointer of map m is converted to .int"
}
