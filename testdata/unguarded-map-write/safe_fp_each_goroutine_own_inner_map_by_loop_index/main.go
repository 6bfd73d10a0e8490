// Shape (safe): a counting loop starts one goroutine per slot, passing the loop variable; each goroutine writes only the inner map of its own slot; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const workers = 4
	perWorker := make([]map[string]int, workers)
	for i := range perWorker {
		perWorker[i] = map[string]int{}
	}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(slot int) {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				perWorker[slot][fmt.Sprint(n%5)]++
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(perWorker[2]["3"])
}
