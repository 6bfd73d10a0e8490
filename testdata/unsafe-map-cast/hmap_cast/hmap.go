// Package hmapcast reinterprets a map as a copy of runtime.hmap.
package hmapcast

import "unsafe"

type hmap struct {
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
	hash0     uint32
	buckets   unsafe.Pointer
}

// Buckets returns log2 of the bucket count of m.
func Buckets(m map[string]string) uint8 {
	h := (*hmap)(*(*unsafe.Pointer)(unsafe.Pointer(&m))) // want "map m is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
	return h.B
}

// Seed returns the hash seed of m.
func Seed(m map[uint64]struct{}) uint32 {
	return (*(**hmap)(unsafe.Pointer(&m))).hash0 // want "map m is reinterpreted through unsafe.Pointer as ..hmap"
}
