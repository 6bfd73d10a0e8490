// Shape (safe): each goroutine fills its own local map; the parent merges them after wg.Wait(); race detector: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	docs := []string{"a b c", "b c d", "c d e", "a a a"}
	partial := make([]map[string]int, len(docs))
	var wg sync.WaitGroup
	for i, doc := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]int{}
			for r := 0; r < 200; r++ {
				for _, w := range strings.Fields(doc) {
					local[w]++
				}
			}
			partial[i] = local
		}()
	}
	wg.Wait()
	total := map[string]int{}
	for _, p := range partial {
		for w, n := range p {
			total[w] += n
		}
	}
	fmt.Println(len(total))
}
