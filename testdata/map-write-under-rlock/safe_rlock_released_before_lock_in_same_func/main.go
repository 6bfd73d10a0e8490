// Shape (safe): one function holds RLock to read, releases it, then takes Lock (not RLock) for the delete; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Leases struct {
	mu     sync.RWMutex
	owners map[string]string
}

func (l *Leases) Release(res, owner string) bool {
	l.mu.RLock()
	cur := l.owners[res]
	l.mu.RUnlock()
	if cur != owner {
		return false
	}
	l.mu.Lock()
	if l.owners[res] == owner {
		delete(l.owners, res)
	}
	l.mu.Unlock()
	return true
}

func (l *Leases) Acquire(res, owner string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, taken := l.owners[res]; taken {
		return false
	}
	l.owners[res] = owner
	return true
}

func main() {
	l := &Leases{owners: map[string]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me := strconv.Itoa(w)
			for i := 0; i < 1000; i++ {
				res := strconv.Itoa(i % 8)
				if l.Acquire(res, me) {
					l.Release(res, me)
				}
			}
		}()
	}
	wg.Wait()
}
