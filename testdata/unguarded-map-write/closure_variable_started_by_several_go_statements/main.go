// Shape: a closure stored in a local variable writes a map; three `go register(...)` statements run it at the same time, and one wg.Wait() follows them; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	hooks := map[string]func() string{}
	var wg sync.WaitGroup
	register := func(name string) {
		defer wg.Done()
		hooks[name] = func() string { return name } // want "write to map hooks in the goroutine started at main.go:1[789] races with other instances of itself"
	}
	wg.Add(3)
	go register("start")
	go register("stop")
	go register("reload")
	wg.Wait()
	fmt.Println(len(hooks))
}
