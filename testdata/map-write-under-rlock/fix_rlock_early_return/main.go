// Shape: Get holds RLock (with a deferred RUnlock) and, on a miss, fills the map before returning early; the fix takes Lock/Unlock in Get; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Memo struct {
	mu   sync.RWMutex
	vals map[int]string
}

func (m *Memo) Get(n int) string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if v, ok := m.vals[n]; ok {
		return v
	}
	v := strconv.Itoa(n * n)
	m.vals[n] = v // want "write to map m\\.vals under read lock"
	return v
}

func main() {
	m := &Memo{vals: map[int]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				_ = m.Get(i % 60)
			}
		}()
	}
	wg.Wait()
}
