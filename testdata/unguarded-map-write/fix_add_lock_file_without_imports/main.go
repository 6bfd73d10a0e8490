// Shape: a package-level map in a file without imports (state.go), written from goroutines started in main.go; the fix declares seenMu after the map, adds import "sync" to state.go, and guards the accesses in both files; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				bump(i)
			}
		}()
	}
	wg.Wait()
	fmt.Println(seen[0] > 0)
}
