// Shape: two different goroutines started one after the other by one function write one map; a single wg.Wait() joins both, so they still run at the same time; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	seen := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			seen[fmt.Sprint("even", i*2)]++ // want "write to map seen in the goroutine started at main.go:13 races with the write at main.go:22 in the goroutine started at main.go:19"
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			seen[fmt.Sprint("odd", i*2+1)]++ // want "write to map seen in the goroutine started at main.go:19 races with the write at main.go:16 in the goroutine started at main.go:13"
		}
	}()
	wg.Wait()
	fmt.Println(len(seen))
}
