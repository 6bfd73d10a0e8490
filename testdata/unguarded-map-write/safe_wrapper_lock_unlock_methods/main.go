// Shape (safe): accesses are bracketed by wrapper methods s.lock()/s.unlock() that take s.mu; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Tracker struct {
	mu      sync.Mutex
	pending map[int]string
}

func (t *Tracker) lock()   { t.mu.Lock() }
func (t *Tracker) unlock() { t.mu.Unlock() }

func (t *Tracker) Start(id int, what string) {
	t.lock()
	t.pending[id] = what
	t.unlock()
}

func (t *Tracker) Finish(id int) {
	t.lock()
	defer t.unlock()
	delete(t.pending, id)
}

func main() {
	t := &Tracker{pending: map[int]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				id := w*1000 + i
				t.Start(id, strconv.Itoa(id))
				t.Finish(id)
			}
		}()
	}
	wg.Wait()
}
