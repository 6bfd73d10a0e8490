package main

import "time"

// Cleanup drops expired entries. BUG: it forgets c.mu.
func (c *Cache) Cleanup(now time.Time) {
	for k, e := range c.items {
		if now.After(e.expires) {
			delete(c.items, k) // want "write to map c\\.items"
		}
	}
}
