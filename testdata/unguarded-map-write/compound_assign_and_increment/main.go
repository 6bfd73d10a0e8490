// Shape: `m[k] += v` and `m[k]++` on package-level maps from a function called by several goroutines; race detector: reports a race.
package main

import "sync"

var (
	bytesByHost = map[string]int{}
	reqsByHost  = map[string]int{}
)

func record(host string, n int) {
	bytesByHost[host] += n // want "write to map bytesByHost"
	reqsByHost[host]++     // want "write to map reqsByHost"
}

func main() {
	hosts := []string{"a.example", "b.example", "c.example"}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				record(hosts[(i+w)%3], i)
			}
		}()
	}
	wg.Wait()
}
