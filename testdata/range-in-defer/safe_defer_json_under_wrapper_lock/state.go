package main

import (
	"io"
	"sync"
)

// State is guarded by mu through the lock/unlock wrappers.
type State struct {
	mu    sync.Mutex
	jobs  map[string]string
	audit io.Writer
}

func (s *State) lock()   { s.mu.Lock() }
func (s *State) unlock() { s.mu.Unlock() }
