// Shape (safe): under RLock only a function-local snapshot map is written; the guarded map is only read; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Flags struct {
	mu sync.RWMutex
	on map[string]bool
}

func (f *Flags) Snapshot() map[string]bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make(map[string]bool, len(f.on))
	for k, v := range f.on {
		out[k] = v
	}
	out["snapshot"] = true
	return out
}

func (f *Flags) Set(k string, v bool) {
	f.mu.Lock()
	f.on[k] = v
	f.mu.Unlock()
}

func main() {
	f := &Flags{on: map[string]bool{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				if w == 0 {
					f.Set(strconv.Itoa(i%20), i%2 == 0)
				} else {
					s := f.Snapshot()
					s["mine"] = true
				}
			}
		}()
	}
	wg.Wait()
}
