// Shape (safe): every read and write of the map happens under the same mutex, released with defer; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
}

func (c *Counter) Add(k string, d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k] += d
}

func (c *Counter) Drop(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.n, k)
}

func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.n)
}

func (c *Counter) Get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[k]
}

func main() {
	c := &Counter{n: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := fmt.Sprint(i % 7)
				switch (i + w) % 5 {
				case 0:
					c.Inc(k)
				case 1:
					c.Add(k, 3)
				case 2:
					c.Drop(k)
				case 3:
					c.Reset()
				default:
					_ = c.Get(k)
				}
			}
		}()
	}
	wg.Wait()
}
