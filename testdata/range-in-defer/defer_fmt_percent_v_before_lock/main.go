// Shape: `defer fmt.Fprintf(w, "%v", s.counts)` registered before Lock: the map is formatted (iterated) after the deferred Unlock; race detector: reports a race.
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
	defer fmt.Fprintf(s.log, "stats: %v\n", s.counts) // want "deferred iteration of map s\\.counts"
	s.mu.Lock()
	defer s.mu.Unlock()
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
