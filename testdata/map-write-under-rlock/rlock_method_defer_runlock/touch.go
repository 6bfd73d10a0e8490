package main

import "time"

// Touch refreshes an entry. BUG: a write needs c.mu.Lock, not RLock.
func (c *Cache) Touch(k string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.lastSeen[k]; ok {
		c.lastSeen[k] = time.Now() // want "write to map c\\.lastSeen under read lock"
	}
}
