// Shape: Reset clears the map holding only RLock (defer RUnlock), while readers also hold RLock; race detector: reports a race.
package main

import (
	"sync"
)

type Window struct {
	mu     sync.RWMutex
	counts map[int]int
}

func (w *Window) Reset() {
	w.mu.RLock()
	defer w.mu.RUnlock()
	clear(w.counts) // want "write to map w\\.counts under read lock"
}

func (w *Window) Sum() int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	s := 0
	for _, v := range w.counts {
		s += v
	}
	return s
}

func (w *Window) Add(k int) {
	w.mu.Lock()
	w.counts[k]++
	w.mu.Unlock()
}

func main() {
	win := &Window{counts: map[int]int{}}
	for i := 0; i < 100; i++ {
		win.Add(i % 30)
	}
	// Only read-lock holders run concurrently now: Lock/Unlock would order them.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			win.Reset()
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			_ = win.Sum()
		}
	}()
	wg.Wait()
}
