// Shape: Handlers() (registry.go) returns the guarded map under the lock; the caller ranges it after the lock is released while Register writes; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

func main() {
	reg := &Registry{handlers: map[string]string{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			reg.Register("h"+strconv.Itoa(i%40), "fn")
		}
	}()
	n := 0
	for i := 0; i < 300; i++ {
		hs := reg.Handlers()
		for name := range hs { // want "iteration of map hs"
			n += len(name)
		}
	}
	wg.Wait()
	_ = n
}
