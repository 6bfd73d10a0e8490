// Shape (safe): String() and MarshalJSON() format the map with fmt.Sprint / json.Marshal while holding the lock; race detector: no race.
package main

import (
	"encoding/json"
	"fmt"
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

func (h *Health) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return fmt.Sprint(h.checks)
}

func (h *Health) MarshalJSON() ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return json.Marshal(h.checks)
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
			_ = h.String()
			_, _ = json.Marshal(h)
		}
	}()
	wg.Wait()
}
