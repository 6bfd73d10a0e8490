// Shape (safe): an unexported method reads the map without the lock; it is reached only through an interface, whose callers' locks are unknown; race detector: no race.
package main

import "sync"

type lister interface{ size() int }

type Reg struct {
	mu    sync.Mutex
	names map[string]bool
}

func (r *Reg) size() int { return len(r.names) }

func (r *Reg) Add(n string) {
	r.mu.Lock()
	r.names[n] = true
	r.mu.Unlock()
}

func (r *Reg) Report(l lister) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return l.size()
}

func main() {
	r := &Reg{names: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			r.Add("a")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			_ = r.Report(r)
		}
	}()
	wg.Wait()
}
