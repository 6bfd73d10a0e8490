// Shape (safe): a deferred range over the results map runs at return, after wg.Wait() joined every goroutine that wrote it; race detector: no race.
package main

import (
	"fmt"
	"io"
	"sync"
)

func crawl(urls []string) {
	results := map[string]int{}
	defer func() {
		for u, n := range results {
			fmt.Fprintln(io.Discard, u, n)
		}
	}()
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				mu.Lock()
				results[u] += len(u)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func main() {
	for i := 0; i < 20; i++ {
		crawl([]string{"a", "bb", "ccc", "dddd"})
	}
}
