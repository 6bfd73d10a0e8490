// Shape (safe): a buffered channel of capacity one used as a mutex (send to acquire, receive to release) around every map write; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	gate := make(chan struct{}, 1)
	byLen := map[int][]string{}
	var wg sync.WaitGroup
	for _, w := range []string{"go", "map", "race", "lock", "chan"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gate <- struct{}{}
			byLen[len(w)] = append(byLen[len(w)], w)
			<-gate
		}()
	}
	wg.Wait()
	fmt.Println(len(byLen))
}
