// Shape: a go func(){...}() closure reads a captured map (comma-ok index) while the parent keeps writing it; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

func main() {
	limits := map[string]int{"default": 10}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n := 0
		for i := 0; i < 1000; i++ {
			if v, ok := limits["user"+strconv.Itoa(i%20)]; ok { // want "read of map limits"
				n += v
			}
		}
		_ = n
	}()
	for i := 0; i < 1000; i++ {
		limits["user"+strconv.Itoa(i%20)] = i
	}
	wg.Wait()
}
