// Shape (race): each worker makes its own map and passes it to a helper that starts
// goroutines writing it under a lock without joining them; the worker then reads the map
// without the lock while they may still run. Race detector: race.
package main

import (
	"fmt"
	"sync"
	"time"
)

func fill(names map[string]int, mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		go func(i int) {
			mu.Lock()
			defer mu.Unlock()
			names[fmt.Sprint(i)] = i
		}(i)
	}
}

func search(n int) int {
	var mu sync.Mutex
	names := make(map[string]int)
	fill(names, &mu, n)
	return len(names) // want "len of map names"
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
	time.Sleep(10 * time.Millisecond)
	fmt.Println(out)
}
