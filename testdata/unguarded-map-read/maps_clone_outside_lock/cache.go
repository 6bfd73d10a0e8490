// Shape: Export() takes a maps.Clone snapshot (it walks the map) but forgets the lock that Put holds; no main: Go 1.23's race detector does not see maps.Clone (runtime.mapclone has no race hooks), a concurrent run dies with "fatal error: concurrent map clone and map write" instead.
package cache

import (
	"maps"
	"sync"
)

// Cache is safe for concurrent use by multiple goroutines.
type Cache struct {
	mu sync.Mutex
	m  map[string]int
}

func New() *Cache { return &Cache{m: map[string]int{}} }

func (c *Cache) Put(k string, v int) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

func (c *Cache) Get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *Cache) Export() map[string]int {
	return maps.Clone(c.m) // want "of map c\\.m"
}
