// Shape (safe): a defer registered before the Lock ranges only a maps.Clone snapshot taken under the lock, never the shared map; race detector: no race.
package main

import (
	"fmt"
	"io"
	"maps"
	"strconv"
	"sync"
)

type Peers struct {
	mu    sync.Mutex
	alive map[string]bool
}

func (p *Peers) Mark(id string, up bool) {
	var snap map[string]bool
	defer func() {
		for id, up := range snap {
			fmt.Fprintln(io.Discard, id, up)
		}
	}()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.alive[id] = up
	snap = maps.Clone(p.alive)
}

func main() {
	p := &Peers{alive: map[string]bool{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				p.Mark(strconv.Itoa(i%10), i%2 == w%2)
			}
		}()
	}
	wg.Wait()
}
