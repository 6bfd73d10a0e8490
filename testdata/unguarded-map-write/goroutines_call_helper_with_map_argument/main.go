// Shape: goroutines started in a loop call a helper with the map main declared, and the helper writes its map parameter; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func tally(counts map[byte]int, word string) {
	for i := 0; i < len(word); i++ {
		counts[word[i]]++ // want "write to map counts"
	}
}

func main() {
	counts := map[byte]int{}
	var wg sync.WaitGroup
	for _, w := range []string{"race", "map", "goroutine", "mutex"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tally(counts, w)
		}()
	}
	wg.Wait()
	fmt.Println(len(counts))
}
