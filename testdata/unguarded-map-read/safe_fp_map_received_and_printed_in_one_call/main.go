// Shape (safe): a goroutine owns a map, copies it when asked to stop and sends the copy on a channel; main prints the map straight from the receive (fmt.Println(<-report)), so the print comes after the send; race detector: no race.
package main

import (
	"fmt"
	"time"
)

func main() {
	counts := map[string]int{}
	events := make(chan string)
	quit := make(chan struct{})
	report := make(chan map[string]int)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case e := <-events:
				counts[e]++
			case <-tick.C:
			case <-quit:
				out := map[string]int{}
				for k, v := range counts {
					out[k] = v
				}
				report <- out
				return
			}
		}
	}()
	for i := 0; i < 30; i++ {
		events <- fmt.Sprint("e", i%3)
	}
	close(quit)
	fmt.Println(<-report)
}
