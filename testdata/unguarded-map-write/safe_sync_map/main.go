// Shape (safe): a sync.Map written and deleted from many goroutines (no built-in map is shared); race detector: no race.
package main

import (
	"strconv"
	"sync"
)

var conns sync.Map // map[string]int

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := strconv.Itoa(i % 30)
				conns.Store(k, i)
				conns.LoadOrStore(k+"x", w)
				if i%3 == 0 {
					conns.Delete(k)
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	conns.Range(func(_, _ any) bool { n++; return true })
	_ = n
}
