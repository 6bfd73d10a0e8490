// Shape: a map guarded by a sync.RWMutex; Has reads it without the lock while Grant writes; the fix takes the read lock (RLock/RUnlock) for the read; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type ACL struct {
	mu    sync.RWMutex
	perms map[string]bool
}

func (a *ACL) Grant(p string) {
	a.mu.Lock()
	a.perms[p] = true
	a.mu.Unlock()
}

func (a *ACL) Allowed(p string) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.perms[p]
}

func (a *ACL) Has(p string) bool {
	return a.perms[p] // want "read of map a\\.perms"
}

func main() {
	a := &ACL{perms: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			a.Grant("p" + strconv.Itoa(i%50))
		}
	}()
	n := 0
	for i := 0; i < 1000; i++ {
		if a.Has("p"+strconv.Itoa(i%50)) || a.Allowed("x") {
			n++
		}
	}
	wg.Wait()
	_ = n
}
