// Shape: map captured by a go func(){...}() closure and written there while the parent still reads it; race detector: reports a race.
package main

import "fmt"

func main() {
	seen := make(map[int]bool)
	seen[-1] = true // before the go statement: fine
	done := make(chan struct{})
	go func() {
		for i := 0; i < 2000; i++ {
			seen[i] = true // want "write to map seen"
		}
		close(done)
	}()
	n := 0
	for i := 0; i < 2000; i++ {
		if seen[i] {
			n++
		}
	}
	<-done
	fmt.Println(n <= len(seen))
}
