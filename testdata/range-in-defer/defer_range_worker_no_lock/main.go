// Shape: a worker goroutine defers a range over the global inflight map (guarded by mu elsewhere) and the defer never takes mu; race detector: reports a race.
package main

import (
	"sync"
)

var (
	mu       sync.Mutex
	inflight = map[int]bool{}
)

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	defer func() {
		busy := 0
		for _, b := range inflight { // want "deferred iteration of map inflight"
			if b {
				busy++
			}
		}
		_ = busy
	}()
	for i := 0; i < 300; i++ {
		mu.Lock()
		inflight[id*1000+i] = true
		mu.Unlock()
		mu.Lock()
		delete(inflight, id*1000+i)
		mu.Unlock()
	}
}

func main() {
	var wg sync.WaitGroup
	for id := 0; id < 6; id++ {
		wg.Add(1)
		go worker(id, &wg)
	}
	wg.Wait()
}
