// Shape (safe): a closure stored in a local variable writes a map; it runs once in the flow, then as a goroutine that is waited for before the next one starts; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	hooks := map[string]func() string{}
	var wg sync.WaitGroup
	register := func(name string) {
		hooks[name] = func() string { return name }
	}
	register("init")
	for _, name := range []string{"start", "stop", "reload"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			register(name)
		}()
		wg.Wait()
	}
	fmt.Println(len(hooks))
}
