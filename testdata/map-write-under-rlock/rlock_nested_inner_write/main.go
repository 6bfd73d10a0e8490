// Shape: nested map; the outer map is read under RLock, and the inner map is written `m[a][b] = v` under that same read lock; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Quotas struct {
	mu       sync.RWMutex
	byTenant map[string]map[string]int
}

func (q *Quotas) Use(tenant, res string) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if _, ok := q.byTenant[tenant]; ok {
		q.byTenant[tenant][res]++ // want "write to map q\\.byTenant.* under read lock"
	}
}

func (q *Quotas) AddTenant(tenant string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.byTenant[tenant] == nil {
		q.byTenant[tenant] = map[string]int{}
	}
}

func main() {
	q := &Quotas{byTenant: map[string]map[string]int{}}
	q.AddTenant("acme")
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				q.Use("acme", "r"+strconv.Itoa(i%5))
			}
		}()
	}
	wg.Wait()
}
