// Package passptr hands the address of a map variable to C. The variable holds
// a Go pointer (the map), so this is Go memory that holds a Go pointer.
package passptr

// #include <stdint.h>
// static int64_t first_word(void *p) { return *(int64_t*)p; }
// static void keep(void *p, int n) { (void)p; (void)n; }
import "C"

import "unsafe"

// Registry owns a map.
type Registry struct {
	names map[string]int
}

// FirstWord reads the first word behind &m in C: the map pointer itself, not
// the header, so no offset into the header is claimed here.
func FirstWord(m map[string]int) int64 {
	return int64(C.first_word(unsafe.Pointer(&m))) // want "map m is passed to C.first_word as Go memory that holds unpinned Go pointers, which the cgo pointer-passing rules forbid"
}

// Keep passes a map field.
func (r *Registry) Keep() {
	C.keep(unsafe.Pointer(&r.names), C.int(len(r.names))) // want "map r.names is passed to C.keep"
}
