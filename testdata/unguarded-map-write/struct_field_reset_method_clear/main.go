// Shape: hit counter guarded by mu everywhere except Reset, which clear()s the map unlocked; race detector: reports a race.
package main

import (
	"maps"
	"sync"
)

type Stats struct {
	mu   sync.Mutex
	hits map[string]int
}

func (s *Stats) Hit(k string) {
	s.mu.Lock()
	s.hits[k]++
	s.mu.Unlock()
}

func (s *Stats) Snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.hits)
}

// Reset starts a new period. BUG: no lock.
func (s *Stats) Reset() {
	clear(s.hits) // want "write to map s\\.hits"
}

func main() {
	s := &Stats{hits: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			s.Hit([]string{"a", "b", "c"}[i%3])
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			s.Reset()
		}
	}()
	wg.Wait()
	_ = s.Snapshot()
}
