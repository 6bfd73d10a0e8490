// Shape (safe): main fills a map through a helper before starting the goroutines, which only read it; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func load(into map[string]int, names []string) {
	for i, n := range names {
		into[n] = i
	}
}

func main() {
	rank := map[string]int{}
	load(rank, []string{"gold", "silver", "bronze"})
	var wg sync.WaitGroup
	out := make([]int, 3)
	for i, n := range []string{"bronze", "gold", "silver"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = rank[n]
		}()
	}
	wg.Wait()
	load(rank, []string{"tin"})
	fmt.Println(out, len(rank))
}
