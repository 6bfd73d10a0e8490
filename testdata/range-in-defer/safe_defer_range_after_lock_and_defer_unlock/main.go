// Shape (safe): `mu.Lock(); defer mu.Unlock(); defer func(){ range m }()` - defers are LIFO, so the range runs while the lock is still held; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Batcher struct {
	mu      sync.Mutex
	pending map[string]int
	total   int
}

func (b *Batcher) Add(k string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer func() {
		n := 0
		for _, v := range b.pending {
			n += v
		}
		b.total = n
	}()
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
