// Shape: defer registered after Lock, but the function calls mu.Unlock() explicitly before returning, so the deferred range runs unlocked; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Registry struct {
	mu    sync.Mutex
	peers map[string]bool
}

func (r *Registry) Join(id string) (alive int) {
	r.mu.Lock()
	defer func() {
		for _, ok := range r.peers { // want "deferred iteration of map r\\.peers"
			if ok {
				alive++
			}
		}
	}()
	r.peers[id] = true
	r.mu.Unlock()
	return 0
}

func main() {
	r := &Registry{peers: map[string]bool{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Join(strconv.Itoa(w*1000 + i))
			}
		}()
	}
	wg.Wait()
}
