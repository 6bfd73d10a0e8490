// Package identity uses reflect pointers of maps only as identities.
package identity

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Same reports whether a and b are the same map.
func Same(a, b map[string]int) bool {
	return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}

// Describe prints the map's address.
func Describe(m map[int]int) string {
	return fmt.Sprintf("map@%x", reflect.ValueOf(m).Pointer())
}

// Seen keys a visited set by map identity, as a deep-equal walker does.
func Seen(m map[string]any, seen map[unsafe.Pointer]bool) bool {
	p := reflect.ValueOf(m).UnsafePointer()
	if seen[p] {
		return true
	}
	seen[p] = true
	return false
}

// Elems converts the pointer of a slice, not of a map.
func Elems(s []int64) *int64 {
	return (*int64)(reflect.ValueOf(s).UnsafePointer())
}
