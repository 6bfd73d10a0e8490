// Shape (safe): link writes the inner maps of ix.byTag; Link calls it under ix.mu, and
// newIndex calls it without the lock on the index it has just allocated and not yet
// returned, so no other goroutine can reach that index then; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type index struct {
	mu    sync.Mutex
	byTag map[string]map[string]bool
}

func newIndex(seed map[string][]string) *index {
	ix := &index{byTag: map[string]map[string]bool{}}
	for tag, ids := range seed {
		for _, id := range ids {
			ix.link(tag, id)
		}
	}
	return ix
}

func (ix *index) Link(tag, id string) {
	ix.mu.Lock()
	ix.link(tag, id)
	ix.mu.Unlock()
}

func (ix *index) link(tag, id string) {
	ids, ok := ix.byTag[tag]
	if !ok {
		ids = map[string]bool{}
		ix.byTag[tag] = ids
	}
	if !ids[id] {
		ids[id] = true
	}
}

func main() {
	ix := newIndex(map[string][]string{"a": {"1", "2"}})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ix.Link("a", fmt.Sprint(i))
		}(i)
	}
	wg.Wait()
	ix.mu.Lock()
	fmt.Println(len(ix.byTag["a"]))
	ix.mu.Unlock()
}
