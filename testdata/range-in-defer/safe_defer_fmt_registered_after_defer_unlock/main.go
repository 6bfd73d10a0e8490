// Shape (safe): `defer fmt.Fprintf(w, "%v", s.counts)` registered after `defer s.mu.Unlock()`, so it formats the map before the unlock; race detector: no race.
package main

import (
	"fmt"
	"io"
	"strconv"
	"sync"
)

type Stats struct {
	mu     sync.Mutex
	counts map[string]int
	log    io.Writer
}

func (s *Stats) Hit(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer fmt.Fprintf(s.log, "stats: %v\n", s.counts)
	s.counts[k]++
}

func main() {
	s := &Stats{counts: map[string]int{}, log: io.Discard}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				s.Hit(strconv.Itoa(i % 10))
			}
		}()
	}
	wg.Wait()
}
