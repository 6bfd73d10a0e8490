// Shape (safe): copy-on-write routing table in an atomic.Pointer[map]; writers clone, modify the private copy and swap under a lock; race detector: no race.
package main

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
)

type Routes struct {
	mu  sync.Mutex // serialises writers
	tbl atomic.Pointer[map[string]string]
}

func NewRoutes() *Routes {
	r := &Routes{}
	m := map[string]string{}
	r.tbl.Store(&m)
	return r
}

func (r *Routes) Set(path, backend string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := maps.Clone(*r.tbl.Load())
	next[path] = backend
	r.tbl.Store(&next)
}

func (r *Routes) Remove(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := maps.Clone(*r.tbl.Load())
	delete(next, path)
	r.tbl.Store(&next)
}

func (r *Routes) Lookup(path string) string {
	return (*r.tbl.Load())[path]
}

func main() {
	r := NewRoutes()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				p := "/p" + strconv.Itoa(i%10)
				switch w {
				case 0:
					r.Set(p, "b"+strconv.Itoa(i))
				case 1:
					r.Remove(p)
				default:
					_ = r.Lookup(p)
				}
			}
		}()
	}
	wg.Wait()
}
