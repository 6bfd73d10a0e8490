// Package size asks unsafe about map-typed values without reinterpreting them.
package size

import "unsafe"

// Word reports the size of a map value: one pointer.
func Word(m map[string]int) uintptr {
	return unsafe.Sizeof(m)
}

// Align reports the alignment of a map value.
func Align(m map[int]bool) uintptr {
	return unsafe.Alignof(m)
}

type holder struct {
	n int
	m map[string]int
}

// Offset reports where the map field sits inside holder.
func Offset(h holder) uintptr {
	return unsafe.Offsetof(h.m)
}

const wordSize = unsafe.Sizeof(map[string]int(nil))
