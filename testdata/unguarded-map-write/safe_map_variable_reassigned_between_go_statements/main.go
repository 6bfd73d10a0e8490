// Shape (safe): two `go fill(m, ...)` statements pass the variable m, but m is given a new map between them, so each goroutine writes its own map; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func fill(m map[int]int, from int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := from; i < from+200; i++ {
		m[i] = i * i
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	m := map[int]int{}
	first := m
	go fill(m, 0, &wg)
	m = map[int]int{}
	go fill(m, 200, &wg)
	wg.Wait()
	fmt.Println(len(first), len(m))
}
