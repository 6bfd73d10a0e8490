// Shape (safe): every goroutine started in the loop makes its own map, fills it and
// sends it on a channel; the parent merges the maps after wg.Wait(). Two goroutines
// never touch the same map. race detector: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	shards := []string{"a b a", "c a", "b b c"}
	counts := make(chan map[string]int, len(shards))
	var wg sync.WaitGroup
	for _, s := range shards {
		wg.Add(1)
		go func(text string) {
			defer wg.Done()
			local := make(map[string]int)
			for _, w := range strings.Fields(text) {
				local[w]++
			}
			counts <- local
		}(s)
	}
	wg.Wait()
	close(counts)
	total := map[string]int{}
	for m := range counts {
		for k, v := range m {
			total[k] += v
		}
	}
	fmt.Println(total)
}
