// Package strdata converts strings and bytes without copying.
package strdata

import "unsafe"

// View returns the bytes of s without copying.
func View(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// Len reads the length word of a string header.
func Len(s string) int {
	return (*[2]int)(unsafe.Pointer(&s))[1]
}

// Key builds a string from a map key's bytes.
func Key(m map[string]int, b []byte) int {
	return m[unsafe.String(unsafe.SliceData(b), len(b))]
}
