// Shape: goroutines started in a loop all write one shared map; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	squares := make(map[int]int)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				n := i*200 + j
				squares[n] = n * n // want "write to map squares"
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(squares))
}
