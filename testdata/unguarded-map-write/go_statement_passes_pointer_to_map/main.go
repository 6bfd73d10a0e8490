// Shape: goroutines started with go f(&m) write the map through the pointer while main reads it; race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

func mark(seen *map[int]bool, from, to int) {
	for i := from; i < to; i++ {
		(*seen)[i] = true // want "write to map .seen"
	}
}

func main() {
	seen := map[int]bool{}
	go mark(&seen, 0, 200)
	go mark(&seen, 200, 400)
	for i := 0; i < 20; i++ {
		fmt.Println(len(seen))
		time.Sleep(20 * time.Microsecond)
	}
}
