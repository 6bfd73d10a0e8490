// Shape (safe): map fully built before the go statements; the goroutines only read it (index, len, range); race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	cfg := map[string]int{}
	for i := 0; i < 100; i++ {
		cfg[fmt.Sprint("opt", i)] = i
	}
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				sums[w] += cfg[fmt.Sprint("opt", i%100)] + len(cfg)
			}
			for _, v := range cfg {
				sums[w] += v
			}
		}()
	}
	wg.Wait()
	fmt.Println(sums[0] > 0)
}
