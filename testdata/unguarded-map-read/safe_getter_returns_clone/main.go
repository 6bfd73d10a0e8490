// Shape (safe): Handlers() (registry.go) returns a maps.Clone snapshot taken under the lock; callers range the copy unlocked; race detector: no race.
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
		for name := range hs {
			n += len(name)
		}
		n += len(hs)
	}
	wg.Wait()
	_ = n
}
