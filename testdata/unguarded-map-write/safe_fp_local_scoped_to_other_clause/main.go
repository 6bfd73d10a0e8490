// Shape (safe): a local declared in one case clause cannot be named by a goroutine
// started in another clause of the same function. run starts copies of itself in the
// "fork" clause; the "count" clause builds its own map in every call, so the
// goroutines never share it. race detector: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type op struct {
	kind string
	text string
}

func run(o op, wg *sync.WaitGroup, out chan<- int) {
	switch o.kind {
	case "fork":
		for _, part := range strings.Fields(o.text) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run(op{kind: "count", text: part}, wg, out)
			}()
		}
	case "count":
		seen := lookupTable(o.text)
		for _, r := range o.text {
			seen[r]++
		}
		out <- len(seen)
	}
}

func lookupTable(s string) map[rune]int {
	return make(map[rune]int, len(s))
}

func main() {
	var wg sync.WaitGroup
	out := make(chan int, 16)
	run(op{kind: "fork", text: "alpha beta gamma delta"}, &wg, out)
	wg.Wait()
	close(out)
	total := 0
	for n := range out {
		total += n
	}
	fmt.Println(total)
}
