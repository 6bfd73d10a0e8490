// Package mlen spreads a layout-dependent helper and its callers over two
// files.
package mlen

import "unsafe"

func fastLen(m map[string][]byte) int {
	if m == nil {
		return 0
	}
	return **(**int)(unsafe.Pointer(&m)) // want "map m is reinterpreted through unsafe.Pointer as ..int"
}
