// Shape (safe): workers write a map under a mutex; a helper goroutine waits for them and closes done; main reads the map after <-done; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	sizes := map[string]int{}
	var wg sync.WaitGroup
	for _, name := range []string{"x", "yy", "zzz"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sizes[name] = len(name)
			mu.Unlock()
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	<-done
	for k, v := range sizes {
		fmt.Println(k, v)
	}
}
