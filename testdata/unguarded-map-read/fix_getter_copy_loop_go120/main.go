// Shape: Routes() hands out the guarded map; the caller ranges it while Add writes; the module says go 1.20, so the getter returns a copy made by a loop; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Router struct {
	mu     sync.Mutex
	routes map[string]int
}

func (r *Router) Add(path string, port int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[path] = port
}

func (r *Router) Routes() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.routes
}

func main() {
	r := &Router{routes: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			r.Add("/p"+strconv.Itoa(i%30), i)
		}
	}()
	ports := 0
	for i := 0; i < 300; i++ {
		for _, p := range r.Routes() { // want "iteration of map r\\.Routes\\(\\)"
			ports += p
		}
	}
	wg.Wait()
	_ = ports
}
