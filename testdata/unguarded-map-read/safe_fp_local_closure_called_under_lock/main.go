// Shape (safe): a closure stored in a local and called only by name, each time with
// the lock held (RLock for the fast path, Lock for the slow path). It runs with the
// locks of its calls, not of the point where it was written. race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type Keys struct {
	mu   sync.RWMutex
	next int
	byID map[int]string
}

func (k *Keys) Current() string {
	current := func() (string, bool) {
		v, ok := k.byID[k.next]
		return v, ok
	}
	k.mu.RLock()
	v, ok := current()
	k.mu.RUnlock()
	if ok {
		return v
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := current(); ok {
		return v
	}
	k.next++
	k.byID[k.next] = fmt.Sprint("key-", k.next)
	return k.byID[k.next]
}

func main() {
	k := &Keys{byID: map[int]string{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = k.Current()
		}()
	}
	wg.Wait()
	fmt.Println(k.Current())
}
