package twofiles

// static void observe(void *p) { (void)p; }
import "C"

import "unsafe"

// Observe hands the address of the map field to C.
func (t *Table) Observe() {
	C.observe(unsafe.Pointer(&t.byName)) // want "map t.byName is passed to C.observe"
}
