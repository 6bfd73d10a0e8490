// Shape (safe): step starts a goroutine that captures its parameter fr but only reads a
// plain field of it; the goroutine enters step again through run, with a frame run has
// just built, so step's writes to fr.env in the goroutine touch another frame's map;
// race detector: no race.
package main

import "fmt"

type frame struct {
	env   map[int]int
	depth int
}

func run(depth int) int {
	fr := &frame{env: map[int]int{}, depth: depth}
	step(fr)
	return len(fr.env)
}

func step(fr *frame) {
	fr.env[0] = fr.depth
	if fr.depth < 3 {
		done := make(chan int)
		go func() {
			done <- run(fr.depth + 1)
		}()
		fr.env[1] = fr.depth
		fr.env[2] = <-done
	}
}

func main() {
	fmt.Println(run(0))
}
