// Shape (safe): each batch map is built by the sender, sent over a channel and never touched by the sender again; the receiver now owns and mutates it; race detector: no race.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	batches := make(chan map[string]int)
	done := make(chan int)
	go func() {
		n := 0
		for b := range batches {
			delete(b, "tmp")
			b["seen"] = 1
			n += len(b)
		}
		done <- n
	}()
	for i := 0; i < 100; i++ {
		batch := make(map[string]int)
		for j := 0; j < 20; j++ {
			batch[strconv.Itoa(j)] = i * j
		}
		batch["tmp"] = 0
		batches <- batch
	}
	close(batches)
	fmt.Println(<-done > 0)
}
