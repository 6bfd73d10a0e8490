// Shape: map handed to a consumer over a channel, then still mutated by the sender; race detector: reports a race.
package main

import "fmt"

func consume(ch <-chan map[string]int, done chan<- int) {
	total := 0
	for b := range ch {
		for i := 0; i < 300; i++ {
			for _, v := range b {
				total += v
			}
		}
	}
	done <- total
}

func main() {
	ch := make(chan map[string]int)
	done := make(chan int)
	go consume(ch, done)

	batch := map[string]int{"a": 1, "b": 2}
	batch["c"] = 3 // still owned by the sender: fine
	ch <- batch
	batch["d"] = 4     // want "write to map batch"
	delete(batch, "a") // want "write to map batch"
	close(ch)
	fmt.Println(<-done > 0)
}
