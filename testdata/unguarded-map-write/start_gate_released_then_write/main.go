// Shape: a start gate, not a semaphore. The workers wait on a buffered channel that
// the parent fills (cap(gate) sends) to release them; filling it waits for nothing,
// so the parent's write after the loop overlaps the workers' reads.
// race detector: race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	limits := map[string]int{"cpu": 2, "mem": 4}
	gate := make(chan struct{}, 3)
	var wg sync.WaitGroup
	sums := make([]int, 3)
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			for i := 0; i < 200; i++ {
				sums[w] += limits["cpu"]
			}
		}()
	}
	for n := cap(gate); n > 0; n-- {
		gate <- struct{}{}
	}
	for i := 0; i < 200; i++ {
		limits["cpu"] = i // want "write to map limits races with the read at main.go:23"
	}
	wg.Wait()
	fmt.Println(sums, len(limits))
}
