// Shape (safe): a context.AfterFunc callback and the main flow write one package map, both holding the same mutex; race detector: no race.
package main

import (
	"context"
	"fmt"
	"sync"
)

var (
	mu    sync.Mutex
	state = map[string]bool{}
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	context.AfterFunc(ctx, func() {
		mu.Lock()
		state["cancelled"] = true
		mu.Unlock()
	})
	cancel()
	for i := 0; i < 100; i++ {
		mu.Lock()
		state[fmt.Sprint("job", i)] = true
		mu.Unlock()
	}
	mu.Lock()
	fmt.Println(len(state) > 0)
	mu.Unlock()
}
