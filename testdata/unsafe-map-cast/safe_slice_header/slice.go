// Package slicehdr uses unsafe on slices only.
package slicehdr

import (
	"reflect"
	"unsafe"
)

type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// Cap reads the capacity word of a slice.
func Cap(s []int) int {
	return (*sliceHeader)(unsafe.Pointer(&s)).cap
}

// Data returns the backing array of s.
func Data(s []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&s)).Data
}

// Bytes views a slice of uint32 as bytes.
func Bytes(s []uint32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*4)
}

// Values takes the slice of a map's values, not the map.
func Values(m map[string]int) []int {
	vals := make([]int, 0, len(m))
	for _, v := range m {
		vals = append(vals, v)
	}
	return *(*[]int)(unsafe.Pointer(&vals))
}
