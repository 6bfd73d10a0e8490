// Shape (safe): a helper documented as requiring the lock is reached only through an interface callback made while the caller holds it; race detector: no race.
package main

import "sync"

type entry interface{ deleteSelf() }

type sock struct {
	id int
	cm *channelMap
}

func (e *sock) deleteSelf() { e.cm.deleteEntry(e.id) }

type channelMap struct {
	mu      sync.Mutex
	entries map[int]entry
}

// deleteEntry removes an entry. c.mu must be held by the caller.
func (c *channelMap) deleteEntry(id int) {
	if _, ok := c.entries[id]; ok {
		delete(c.entries, id)
	}
}

func (c *channelMap) Remove(id int) {
	c.mu.Lock()
	if e, ok := c.entries[id]; ok {
		e.deleteSelf()
	}
	c.mu.Unlock()
}

func (c *channelMap) Add(id int) {
	c.mu.Lock()
	c.entries[id] = &sock{id: id, cm: c}
	c.mu.Unlock()
}

func main() {
	c := &channelMap{entries: map[int]entry{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			c.Add(i % 5)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			c.Remove(i % 5)
		}
	}()
	wg.Wait()
}
