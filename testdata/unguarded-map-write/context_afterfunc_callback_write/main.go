// Shape: a context.AfterFunc callback (run in a goroutine of its own once the context is cancelled) writes a package map that the main flow keeps writing after cancel(); race detector: reports a race.
package main

import (
	"context"
	"fmt"
)

var state = map[string]bool{}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	context.AfterFunc(ctx, func() { state["cancelled"] = true }) // want "write to map state in the context.AfterFunc callback registered at main.go:13 races with the write at main.go:16"
	cancel()
	for i := 0; i < 100; i++ {
		state[fmt.Sprint("job", i)] = true // want "write to map state races with the write at main.go:13 in the context.AfterFunc callback registered at main.go:13"
	}
}
