// Shape: Status() json.Marshal()s the health map without the lock that Set holds; race detector: reports a race.
package main

import (
	"encoding/json"
	"strconv"
	"sync"
)

type Health struct {
	mu     sync.Mutex
	checks map[string]bool
}

func (h *Health) Set(name string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checks[name] = ok
}

func (h *Health) Status() ([]byte, error) {
	return json.Marshal(h.checks) // want "of map h\\.checks"
}

func main() {
	h := &Health{checks: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			h.Set("db"+strconv.Itoa(i%10), i%3 != 0)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			_, _ = h.Status()
		}
	}()
	wg.Wait()
}
