// Shape: main starts a summing goroutine that ranges over a map and a second goroutine that adds a key, then waits for both; the two goroutines overlap; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	stock := map[string]int{"apples": 3, "pears": 5}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		total := 0
		for _, n := range stock { // want "iteration of map stock"
			total += n
		}
		fmt.Println(total)
	}()
	go func() {
		defer wg.Done()
		stock["plums"] = 7
	}()
	wg.Wait()
}
