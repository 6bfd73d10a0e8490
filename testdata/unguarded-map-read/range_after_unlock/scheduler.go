package main

import (
	"sync"
	"time"
)

type Scheduler struct {
	mu     sync.Mutex
	timers map[string]time.Time
	ticks  int
}

func (s *Scheduler) Schedule(name string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timers[name] = at
}
