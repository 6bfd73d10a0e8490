// Shape (safe): a closure stored in a local variable writes a map; it runs once in the flow, then as a goroutine that is waited for before the next one starts; race detector: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	routes := make(map[string]int)
	add := func(path string) { routes[path] = strings.Count(path, "/") }
	add("/")
	var done sync.WaitGroup
	for _, p := range []string{"/a", "/a/b", "/c"} {
		done.Add(1)
		go func() {
			defer done.Done()
			add(p)
		}()
		done.Wait()
	}
	fmt.Println(len(routes))
}
