// Shape: package-level map incremented while only RLock of its sync.RWMutex is held; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

var (
	mu   sync.RWMutex
	seen = map[string]int{}
)

func observe(k string) {
	mu.RLock()
	seen[k]++ // want "write to map seen under read lock"
	mu.RUnlock()
}

func count(k string) int {
	mu.RLock()
	defer mu.RUnlock()
	return seen[k]
}

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				observe(strconv.Itoa(i % 10))
				_ = count("1")
			}
		}()
	}
	wg.Wait()
}
