// Shape (safe): readers range and index an immutable map loaded from an atomic.Pointer; writers publish modified clones; race detector: no race.
package main

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
)

var (
	writeMu sync.Mutex
	current atomic.Pointer[map[string]int]
)

func set(k string, v int) {
	writeMu.Lock()
	defer writeMu.Unlock()
	next := maps.Clone(*current.Load())
	next[k] = v
	current.Store(&next)
}

func sum() int {
	m := *current.Load()
	s := len(m)
	for _, v := range m {
		s += v
	}
	return s + m["a"]
}

func main() {
	m := map[string]int{"a": 1}
	current.Store(&m)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				if w == 0 {
					set(strconv.Itoa(i%25), i)
				} else {
					_ = sum()
				}
			}
		}()
	}
	wg.Wait()
}
