// Shape (safe): phase ordering. Catalog.Lookup reads c.entries without c.mu; the
// package calls it from lookup goroutines that a semaphore drain joins before the
// function returns, and the only write (Catalog.Replace, under c.mu) runs in the
// ordinary flow after that join. No write can overlap the unlocked read.
// race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type Catalog struct {
	mu      sync.Mutex
	entries map[string]string
}

func NewCatalog() *Catalog {
	return &Catalog{entries: map[string]string{"x": "1"}}
}

// Lookup is read-only.
func (c *Catalog) Lookup(k string) string {
	return c.entries[k]
}

// Has takes the lock, for callers that run beside Replace.
func (c *Catalog) Has(k string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[k]
	return ok
}

func (c *Catalog) Replace(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[k] = v
}

func resolveAll(c *Catalog, keys []string) []string {
	out := make([]string, len(keys))
	sem := make(chan bool, 4)
	for i, k := range keys {
		sem <- true
		go func() {
			defer func() { <-sem }()
			if c.Has(k) {
				out[i] = c.Lookup(k)
			}
		}()
	}
	for i := 0; i < cap(sem); i++ {
		sem <- true
	}
	for i, k := range keys {
		c.Replace(k, out[i]+"!")
	}
	return out
}

func main() {
	c := NewCatalog()
	fmt.Println(resolveAll(c, []string{"x", "y"}), c.Lookup("x"))
}
