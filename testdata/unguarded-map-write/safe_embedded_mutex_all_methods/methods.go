// Shape (safe): embedded sync.Mutex (registry.go) taken with r.Lock() around every map access; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

func (r *Registry) Register(name string, id int) {
	r.Lock()
	defer r.Unlock()
	r.byName[name] = id
}

func (r *Registry) Unregister(name string) {
	r.Lock()
	delete(r.byName, name)
	r.Unlock()
}

func (r *Registry) Lookup(name string) (int, bool) {
	r.Lock()
	defer r.Unlock()
	id, ok := r.byName[name]
	return id, ok
}

func main() {
	r := NewRegistry()
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				name := "svc" + strconv.Itoa(i%20)
				switch w {
				case 0:
					r.Register(name, i)
				case 1:
					r.Unregister(name)
				default:
					r.Lookup(name)
				}
			}
		}()
	}
	wg.Wait()
}
