// Package main is mapsafe's demo: a small service with one hazard of each kind.
// Run `npx mapsafe testdata/demo` from the repository root to see them reported.
package main

import (
	"fmt"
	"sync"
)

// Cache counts hits per key. Its methods are called from many goroutines.
type Cache struct {
	mu   sync.RWMutex
	hits map[string]int
}

func NewCache() *Cache {
	return &Cache{hits: make(map[string]int)}
}

// Hit records a hit under the lock.
func (c *Cache) Hit(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits[key]++
}

// Count reads under the read lock.
func (c *Cache) Count(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.hits[key]
}

// Reset forgets everything, but takes only the read lock: a write under RLock.
func (c *Cache) Reset(key string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	delete(c.hits, key) // want "write to map c.hits under read lock c.mu"
}

// Dump prints the counts after the lock is released: the deferred print is
// registered before the Lock/Unlock pair, so it runs after Unlock.
func (c *Cache) Dump() {
	defer func() {
		for k, v := range c.hits { // want "deferred iteration of map c.hits"
			fmt.Println(k, v)
		}
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits["dump"]++
}
