// Shape (safe): goroutines write under mu; the parent reads (len, range, index) without the lock only after wg.Wait(); race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		sizes = map[string]int{}
	)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				mu.Lock()
				sizes[fmt.Sprint("f", i%50)] += w
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range sizes {
		total += n
	}
	fmt.Println(len(sizes), total, sizes["f1"])
}
