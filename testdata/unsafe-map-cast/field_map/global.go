package cache

import "unsafe"

var registry = map[string]func(){}

// registryHeader exposes the header of the package-level registry.
func registryHeader() unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&registry)) // want "map registry is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
}

var _ = registryHeader
