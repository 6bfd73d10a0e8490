// Shape (safe): every caller's activation makes its own map and passes it to a helper that
// starts goroutines filling it under a lock and joins them before returning; the callers run
// in several goroutines at once and read their own map after the helper returned.
// Race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func fill(names map[string]int, n int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			names[fmt.Sprint(i)] = i
		}(i)
	}
	wg.Wait()
}

func search(n int) int {
	names := make(map[string]int)
	fill(names, n)
	return len(names)
}

func main() {
	var wg sync.WaitGroup
	out := make([]int, 4)
	for i := range out {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out[i] = search(i + 2)
		}(i)
	}
	wg.Wait()
	fmt.Println(out)
}
