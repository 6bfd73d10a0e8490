package mlen

import "unsafe"

// Store holds blobs by name.
type Store struct {
	blobs map[string][]byte
}

// Empty uses the helper from len.go.
func (s *Store) Empty() bool { return fastLen(s.blobs) == 0 }

// HeaderOf returns the header of the store's map.
func (s *Store) HeaderOf() unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&s.blobs)) // want "map s.blobs is reinterpreted through unsafe.Pointer as .unsafe.Pointer"
}
