// Shape: a deferred cleanup loop (range + delete) registered before the Lock runs after the deferred Unlock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

type Conns struct {
	mu       sync.Mutex
	lastSeen map[string]time.Time
}

func (c *Conns) Ping(id string) {
	defer func() {
		cutoff := time.Now().Add(-time.Millisecond)
		for k, t := range c.lastSeen { // want "deferred iteration of map c\\.lastSeen"
			if t.Before(cutoff) {
				delete(c.lastSeen, k)
			}
		}
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastSeen[id] = time.Now()
}

func main() {
	c := &Conns{lastSeen: map[string]time.Time{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				c.Ping(strconv.Itoa(i % 30))
			}
		}()
	}
	wg.Wait()
}
