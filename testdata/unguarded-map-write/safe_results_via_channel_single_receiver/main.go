// Shape (safe): workers send results over a channel; only the single receiving goroutine writes the map; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type result struct {
	id  int
	sum int
}

func main() {
	results := make(chan result)
	var wg sync.WaitGroup
	for id := 0; id < 8; id++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for i := 0; i < 1000; i++ {
				s += i * id
			}
			results <- result{id, s}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	byID := map[int]int{}
	for r := range results {
		byID[r.id] = r.sum
	}
	fmt.Println(len(byID))
}
