// Shape (safe): package map filled in init() and only read afterwards by many goroutines; race detector: no race.
package main

import (
	"strings"
	"sync"
)

var statusText map[int]string

func init() {
	statusText = make(map[int]string)
	for i, s := range strings.Split("ok,created,accepted", ",") {
		statusText[200+i] = s
	}
}

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for i := 0; i < 300; i++ {
				if s, ok := statusText[200+i%4]; ok {
					n += len(s)
				}
				n += len(statusText)
			}
			for code := range statusText {
				n += code
			}
			_ = n
		}()
	}
	wg.Wait()
}
