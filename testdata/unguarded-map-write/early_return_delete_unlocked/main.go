// Shape: early-return path unlocks before deleting from the guarded map; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

type Sessions struct {
	mu   sync.Mutex
	byID map[string]time.Time
}

func (s *Sessions) Touch(id string, alive bool) {
	s.mu.Lock()
	if !alive {
		s.mu.Unlock()
		delete(s.byID, id) // want "write to map s\\.byID"
		return
	}
	s.byID[id] = time.Now()
	s.mu.Unlock()
}

func main() {
	s := &Sessions{byID: map[string]time.Time{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				s.Touch(strconv.Itoa(i%64), (i+w)%3 != 0)
			}
		}()
	}
	wg.Wait()
}
