// Shape (safe): a mutex-holding type whose map is filled without the lock only in its constructor, before the value is published to goroutines; race detector: no race.
package main

import (
	"sync"
)

type Router struct {
	mu     sync.Mutex
	routes map[string]string
	hits   int
}

func NewRouter(paths ...string) *Router {
	r := &Router{routes: make(map[string]string)}
	for _, p := range paths {
		r.routes[p] = "handler" + p
	}
	r.routes["/health"] = "ok"
	return r
}

func (r *Router) Route(p string) string {
	r.mu.Lock()
	r.hits++
	r.mu.Unlock()
	return r.routes[p]
}

func main() {
	r := NewRouter("/a", "/b", "/c")
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				_ = r.Route([]string{"/a", "/b", "/x"}[i%3])
			}
		}()
	}
	wg.Wait()
}
