// Shape (safe): lookup under RLock, then RUnlock, take Lock, re-check and write (double-checked upgrade); race detector: no race.
package main

import (
	"strings"
	"sync"
)

type Memo struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *Memo) Get(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[k]; ok {
		return v
	}
	v = strings.ToUpper(k)
	c.m[k] = v
	return v
}

func main() {
	c := &Memo{m: map[string]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				_ = c.Get(strings.Repeat("k", (i+w)%40))
			}
		}()
	}
	wg.Wait()
}
