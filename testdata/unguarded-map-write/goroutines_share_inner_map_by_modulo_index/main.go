// Shape: goroutines started in a loop write the inner map chosen by i%2, so two goroutines write the same inner map; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	halves := []map[int]bool{{}, {}}
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			halves[i%2][i] = true // want "write to map halves\[i%2\]"
		}()
	}
	wg.Wait()
	fmt.Println(len(halves[0]), len(halves[1]))
}
