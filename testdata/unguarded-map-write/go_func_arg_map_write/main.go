// Shape: map passed as an argument to `go fill(m, ...)` and written there while the parent keeps writing it; race detector: reports a race.
package main

import (
	"fmt"
	"strconv"
	"sync"
)

func fill(m map[string]int, prefix string, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 1000; i++ {
		m[prefix+strconv.Itoa(i)] = i // want "write to map m"
	}
}

func main() {
	m := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go fill(m, "bg", &wg)
	for i := 0; i < 1000; i++ {
		m["fg"+strconv.Itoa(i)] = i // want "write to map m"
	}
	wg.Wait()
	fmt.Println(len(m))
}
