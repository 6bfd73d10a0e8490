// Package snap publishes map snapshots through atomic pointers.
package snap

import (
	"sync/atomic"
	"unsafe"
)

var current atomic.Pointer[map[string]int]

// Publish installs a new snapshot.
func Publish(m map[string]int) { current.Store(&m) }

// Lookup reads the current snapshot.
func Lookup(k string) int {
	if p := current.Load(); p != nil {
		return (*p)[k]
	}
	return 0
}

var legacy unsafe.Pointer // *map[string]int

// PublishLegacy stores a *map[string]int, the pre-generics way. The pointer
// converted is &legacy, whose type is unsafe.Pointer, not a map.
func PublishLegacy(m map[string]int) {
	atomic.StorePointer(&legacy, unsafe.Pointer(&m))
}

// LookupLegacy converts the stored pointer back to *map[string]int, its
// real type.
func LookupLegacy(k string) int {
	p := (*map[string]int)(atomic.LoadPointer(&legacy))
	if p == nil {
		return 0
	}
	return (*p)[k]
}
