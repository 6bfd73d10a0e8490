// Shape (safe): a type's map read in a test after the goroutine was joined over a channel (keyed_test.go); go test -race: no race.
package keyed

import "sync"

type Keyed struct {
	mu   sync.Mutex
	held map[string]int
}

func New() *Keyed { return &Keyed{held: map[string]int{}} }

func (k *Keyed) Acquire(key string) {
	k.mu.Lock()
	k.held[key]++
	k.mu.Unlock()
}

func (k *Keyed) count(key string) int { return k.held[key] }
