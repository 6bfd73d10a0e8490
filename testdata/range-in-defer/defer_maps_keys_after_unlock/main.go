// Shape: deferred closure collects maps.Keys of the guarded map; the function unlocks explicitly before returning; race detector: reports a race.
package main

import (
	"maps"
	"slices"
	"strconv"
	"sync"
)

type Topics struct {
	mu   sync.Mutex
	subs map[string]int
	last []string
}

func (t *Topics) Subscribe(topic string) (keys []string) {
	t.mu.Lock()
	defer func() {
		keys = slices.Collect(maps.Keys(t.subs)) // want "deferred iteration of map t\\.subs"
	}()
	t.subs[topic]++
	t.mu.Unlock()
	return nil
}

func main() {
	t := &Topics{subs: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				_ = t.Subscribe("t" + strconv.Itoa(i%20))
			}
		}()
	}
	wg.Wait()
}
