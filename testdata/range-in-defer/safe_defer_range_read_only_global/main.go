// Shape (safe): goroutines defer a range over a package-level map literal that nobody writes; race detector: no race.
package main

import (
	"fmt"
	"io"
	"sync"
)

var defaults = map[string]string{
	"timeout": "5s",
	"retries": "3",
	"region":  "eu",
}

func job(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	defer func() {
		for k, v := range defaults {
			fmt.Fprintln(io.Discard, id, k, v)
		}
	}()
	_ = defaults["timeout"]
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go job(i, &wg)
	}
	wg.Wait()
}
