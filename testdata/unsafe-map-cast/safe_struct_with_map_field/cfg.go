// Package cfg reinterprets structs that contain maps, never a map itself.
package cfg

import "unsafe"

// Config holds a map among other fields.
type Config struct {
	Name  string
	Attrs map[string]string
}

type configView struct {
	name  string
	attrs map[string]string
}

// View reinterprets a Config as an identically laid out struct.
func View(c *Config) *configView {
	return (*configView)(unsafe.Pointer(c))
}

// ViewValue does the same from a value.
func ViewValue(c Config) configView {
	return *(*configView)(unsafe.Pointer(&c))
}

// Pair is a struct of two maps.
type Pair struct {
	A, B map[int]int
}

// First reinterprets a *Pair as a pointer to its first field, a map.
func First(p *Pair) map[int]int {
	return *(*map[int]int)(unsafe.Pointer(p))
}
