// Shape: main passes the same map to two `go fill(m, ...)` statements and waits for both; the two goroutines write it at the same time; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func fill(m map[int]int, from int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := from; i < from+200; i++ {
		m[i] = i * i // want "write to map m in the goroutine started at main.go:2[01] races with other instances of itself"
	}
}

func main() {
	squares := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(2)
	go fill(squares, 0, &wg)
	go fill(squares, 200, &wg)
	wg.Wait()
	fmt.Println(len(squares))
}
