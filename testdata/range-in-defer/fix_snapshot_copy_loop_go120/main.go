// Shape: a deferred sum over a guarded map runs after the explicit Unlock; the module says go 1.20, so the snapshot is a copy loop (no maps.Clone); race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Quota struct {
	mu   sync.Mutex
	used map[string]int
}

func (q *Quota) Charge(user string, n int) (total int) {
	q.mu.Lock()
	defer func() {
		for _, v := range q.used { // want "deferred iteration of map q\\.used"
			total += v
		}
	}()
	q.used[user] += n
	q.mu.Unlock()
	return 0
}

func main() {
	q := &Quota{used: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				q.Charge(strconv.Itoa(w*1000+i%40), 1)
			}
		}(w)
	}
	wg.Wait()
}
