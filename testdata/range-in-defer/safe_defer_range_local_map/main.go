// Shape (safe): each call ranges its own local map in a defer; the function runs in many goroutines but shares no map; race detector: no race.
package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

func wordStats(text string) {
	freq := map[string]int{}
	defer func() {
		for w, n := range freq {
			fmt.Fprintln(io.Discard, w, n)
		}
		fmt.Fprintf(io.Discard, "%v\n", freq)
	}()
	for _, w := range strings.Fields(text) {
		freq[w]++
	}
}

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				wordStats("the quick brown fox jumps over the lazy dog")
			}
		}()
	}
	wg.Wait()
}
