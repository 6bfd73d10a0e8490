// Shape: Get takes RLock, and on a cache miss computes the value and stores it without upgrading to Lock; race detector: reports a race.
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
	defer c.mu.RUnlock()
	v, ok := c.m[k]
	if !ok {
		v = strings.ToUpper(k)
		c.m[k] = v // want "write to map c\\.m under read lock"
	}
	return v
}

func main() {
	c := &Memo{m: map[string]string{}}
	keys := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				_ = c.Get(keys[(i*7+w)%len(keys)] + strings.Repeat("x", i%50))
			}
		}()
	}
	wg.Wait()
}
