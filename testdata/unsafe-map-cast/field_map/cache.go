// Package cache keeps an index whose size is read through unsafe.
package cache

import (
	"sync"
	"unsafe"
)

// Cache maps keys to slots.
type Cache struct {
	mu    sync.Mutex
	index map[string]int
}

// Size returns the number of indexed keys without taking the lock.
func (c *Cache) Size() int {
	return **(**int)(unsafe.Pointer(&c.index)) // want "map c.index is reinterpreted through unsafe.Pointer as ..int"
}
