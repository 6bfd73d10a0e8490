package main

import "sync"

type Registry struct {
	mu       sync.Mutex
	handlers map[string]string
}

func (r *Registry) Register(name, h string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h
}

// Handlers returns the internal map itself, not a copy: the lock only
// covers the return, not the caller's use of the map.
func (r *Registry) Handlers() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handlers
}
