// Shape (safe): a loader goroutine fills the map and closes done; readers touch the map only after <-done; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Catalog struct {
	done  chan struct{}
	items map[string]int
}

func Load() *Catalog {
	c := &Catalog{done: make(chan struct{}), items: map[string]int{}}
	go func() {
		defer close(c.done)
		for i := 0; i < 500; i++ {
			c.items["sku"+strconv.Itoa(i)] = i
		}
	}()
	return c
}

func (c *Catalog) Price(sku string) int {
	<-c.done
	return c.items[sku]
}

func (c *Catalog) Count() int {
	<-c.done
	return len(c.items)
}

func main() {
	c := Load()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				_ = c.Price("sku"+strconv.Itoa(i)) + c.Count()
			}
		}()
	}
	wg.Wait()
}
