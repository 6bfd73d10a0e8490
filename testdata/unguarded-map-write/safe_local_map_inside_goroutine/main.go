// Shape (safe): every goroutine creates and writes its own local map; nothing is shared; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func dedupe(xs []int) int {
	seen := make(map[int]struct{})
	for _, x := range xs {
		seen[x] = struct{}{}
	}
	return len(seen)
}

func main() {
	counts := make(chan int, 8)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := map[int]int{}
			for i := 0; i < 1000; i++ {
				buf[i%37] += w
			}
			xs := make([]int, 0, len(buf))
			for k := range buf {
				xs = append(xs, k)
			}
			counts <- dedupe(xs)
		}()
	}
	wg.Wait()
	close(counts)
	total := 0
	for c := range counts {
		total += c
	}
	fmt.Println(total)
}
