// Shape: Get locks only when `fresh` is set; the read after the if is unlocked on the other path while Put writes under the lock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Cache struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *Cache) Put(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *Cache) Get(k string, fresh bool) (int, bool) {
	if fresh {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	v, ok := c.m[k] // want "read of map c\\.m"
	return v, ok
}

func main() {
	c := &Cache{m: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			c.Put(strconv.Itoa(i%30), i)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			c.Get(strconv.Itoa(i%30), true)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			c.Get(strconv.Itoa(i%30), false)
		}
	}()
	wg.Wait()
}
