// Shape: register writes the package map registry; Reopen calls it under regMu, Dial on
// the conn it has just allocated but without regMu, and Dial runs in several goroutines:
// the conn is new, the registry is not; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

var (
	regMu    sync.Mutex
	registry = map[string]*conn{}
)

type conn struct {
	name string
}

func (c *conn) register() {
	registry[c.name] = c // want "write to map registry in the goroutine started at main.go:40"
}

func Dial(name string) *conn {
	c := &conn{name: name}
	c.register()
	return c
}

func (c *conn) Reopen() {
	regMu.Lock()
	c.register()
	regMu.Unlock()
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			Dial(fmt.Sprint(i)).Reopen()
		}(i)
	}
	wg.Wait()
	fmt.Println(len(registry))
}
