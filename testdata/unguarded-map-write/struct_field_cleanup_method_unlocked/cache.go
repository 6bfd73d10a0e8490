// Shape: struct map field guarded by mu in Set/Get, but Cleanup (cleanup.go) deletes without the lock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

type entry struct {
	val     string
	expires time.Time
}

type Cache struct {
	mu    sync.Mutex
	items map[string]entry
}

func NewCache() *Cache {
	return &Cache{items: make(map[string]entry)}
}

func (c *Cache) Set(k, v string, ttl time.Duration) {
	c.mu.Lock()
	c.items[k] = entry{val: v, expires: time.Now().Add(ttl)}
	c.mu.Unlock()
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	return e.val, ok
}

func main() {
	c := NewCache()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			c.Set(strconv.Itoa(i%50), "v", -time.Second)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			c.Cleanup(time.Now())
		}
	}()
	wg.Wait()
	_, _ = c.Get("1")
}
