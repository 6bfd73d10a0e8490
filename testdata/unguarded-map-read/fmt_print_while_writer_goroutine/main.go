// Shape: the map is printed with fmt %v (which iterates it) without the lock while another goroutine writes it under the lock; race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"strconv"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			mu.Lock()
			counts[strconv.Itoa(i%20)]++
			mu.Unlock()
		}
	}()
	for i := 0; i < 200; i++ {
		fmt.Fprintf(io.Discard, "counts=%v\n", counts) // want "of map counts"
	}
	wg.Wait()
}
