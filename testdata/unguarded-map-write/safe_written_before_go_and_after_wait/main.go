// Shape (safe): map written before the go statements, only read by the goroutines, and written again after wg.Wait(); race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	prices := map[string]int{}
	for i := 0; i < 50; i++ {
		prices[fmt.Sprint("item", i)] = i * 10
	}
	totals := make([]int, 4)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				totals[w] += prices[fmt.Sprint("item", i%50)]
			}
		}()
	}
	wg.Wait()
	prices["total"] = totals[0] + totals[1] + totals[2] + totals[3]
	delete(prices, "item0")
	fmt.Println(prices["total"] > 0)
}
