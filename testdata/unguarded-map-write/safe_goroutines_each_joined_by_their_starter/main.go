// Shape (safe): two functions each start a goroutine that writes one package map and wait for it before returning; main calls them one after the other, and in the second a goroutine is joined before the next starts; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

var index = map[string]int{}

func load(words []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, w := range words {
			index[w] = i
		}
	}()
	wg.Wait()
}

func prune(prefix string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for w := range index {
			if len(w) > 0 && w[:1] == prefix {
				delete(index, w)
			}
		}
	}()
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		index["pruned:"+prefix] = len(index)
	}()
	wg.Wait()
}

func main() {
	load([]string{"apple", "avocado", "banana", "cherry"})
	prune("a")
	fmt.Println(len(index))
}
