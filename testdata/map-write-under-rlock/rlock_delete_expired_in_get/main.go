// Shape: lookup under RLock deletes an expired entry while still holding only the read lock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

type item struct {
	v   int
	exp time.Time
}

type TTL struct {
	mu    sync.RWMutex
	items map[string]item
}

func (t *TTL) Set(k string, v int, ttl time.Duration) {
	t.mu.Lock()
	t.items[k] = item{v, time.Now().Add(ttl)}
	t.mu.Unlock()
}

func (t *TTL) Get(k string) (int, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	it, ok := t.items[k]
	if ok && time.Now().After(it.exp) {
		delete(t.items, k) // want "write to map t\\.items under read lock"
		return 0, false
	}
	return it.v, ok
}

func main() {
	t := &TTL{items: map[string]item{}}
	for i := 0; i < 200; i++ {
		t.Set(strconv.Itoa(i), i, -time.Millisecond)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				t.Get(strconv.Itoa((i + w*50) % 200))
			}
		}()
	}
	wg.Wait()
}
