package main

import (
	"maps"
	"sync"
)

type Registry struct {
	mu       sync.Mutex
	handlers map[string]string
}

func (r *Registry) Register(name, h string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h
}

// Handlers returns a snapshot taken under the lock.
func (r *Registry) Handlers() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.handlers)
}
