package main

import "sync"

// Registry embeds its mutex; every method (methods.go) locks it with r.Lock().
type Registry struct {
	sync.Mutex
	byName map[string]int
}

func NewRegistry() *Registry {
	return &Registry{byName: make(map[string]int)}
}
