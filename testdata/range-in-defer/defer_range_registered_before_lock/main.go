// Shape: a ranging defer registered before `mu.Lock(); defer mu.Unlock()` runs after the unlock (LIFO) while other goroutines write; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Batcher struct {
	mu      sync.Mutex
	pending map[string]int
	flushed int
}

func (b *Batcher) Add(k string) {
	defer func() {
		n := 0
		for _, v := range b.pending { // want "deferred iteration of map b\\.pending"
			n += v
		}
		_ = n
	}()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending[k]++
}

func main() {
	b := &Batcher{pending: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				b.Add(strconv.Itoa(i % 25))
			}
		}()
	}
	wg.Wait()
}
