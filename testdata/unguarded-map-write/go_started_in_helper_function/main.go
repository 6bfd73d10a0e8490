// Shape: a helper (not main) starts the goroutine and keeps writing the package map after the go statement; main only calls the helper; race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

var hits = map[string]int{}

func record(path string) {
	go func() {
		hits[path+"/async"]++ // want "write to map hits in the goroutine started at main.go:12"
	}()
	hits[path]++ // want "write to map hits races with"
}

func main() {
	record("/index")
	time.Sleep(10 * time.Millisecond)
	fmt.Println(len(hits))
}
