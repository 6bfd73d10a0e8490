// Shape (safe): writers build a new map and swap it in under the lock; readers take the reference under the lock and read it afterwards; race detector: no race.
package main

import "sync"

type Account struct {
	mu     sync.RWMutex
	limits map[string]int
}

func (a *Account) Update(in map[string]int) {
	a.mu.Lock()
	a.limits = map[string]int{}
	for k, v := range in {
		a.limits[k] = v
	}
	a.mu.Unlock()
}

func (a *Account) Usage() int {
	a.mu.RLock()
	lim := a.limits
	a.mu.RUnlock()
	return len(lim)
}

func main() {
	a := &Account{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			a.Update(map[string]int{"x": i})
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			_ = a.Usage()
		}
	}()
	wg.Wait()
}
