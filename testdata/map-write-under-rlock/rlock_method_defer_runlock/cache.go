// Shape: Touch (touch.go) writes the map in a method holding c.mu.RLock() with defer c.mu.RUnlock(); race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

type Cache struct {
	mu       sync.RWMutex
	lastSeen map[string]time.Time
}

func (c *Cache) Seen(k string) (time.Time, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	t, ok := c.lastSeen[k]
	return t, ok
}

func (c *Cache) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastSeen[k] = time.Now()
}

func main() {
	c := &Cache{lastSeen: map[string]time.Time{}}
	for i := 0; i < 16; i++ {
		c.Put(strconv.Itoa(i))
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := strconv.Itoa(i % 16)
				if w%2 == 0 {
					c.Touch(k)
				} else {
					c.Seen(k)
				}
			}
		}()
	}
	wg.Wait()
}
