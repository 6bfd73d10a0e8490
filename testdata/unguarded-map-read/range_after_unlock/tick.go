// Shape: Tick locks to bump a counter, unlocks, then ranges s.timers (guarded in scheduler.go) after the Unlock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
	"time"
)

func (s *Scheduler) Tick(now time.Time) int {
	s.mu.Lock()
	s.ticks++
	s.mu.Unlock()
	due := 0
	for _, at := range s.timers { // want "iteration of map s\\.timers"
		if !at.After(now) {
			due++
		}
	}
	return due
}

func main() {
	s := &Scheduler{timers: map[string]time.Time{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		// keep writing for a while, past the last Tick
		for i, end := 0, time.Now().Add(100*time.Millisecond); time.Now().Before(end); i++ {
			s.Schedule("t"+strconv.Itoa(i%30), time.Now())
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			s.Tick(time.Now())
		}
	}()
	wg.Wait()
}
