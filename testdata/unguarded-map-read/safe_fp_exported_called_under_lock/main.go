// Shape (safe): an exported method reads the map without locking, and its only callers in the package hold the lock; race detector: no race.
package main

import "sync"

type Table struct {
	mu   sync.Mutex
	rows map[int]string
}

// Len reports the number of rows. The caller holds t.mu.
func (t *Table) Len() int { return len(t.rows) }

func (t *Table) Put(k int, v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows[k] = v
	if t.Len() > 100 {
		delete(t.rows, k)
	}
}

func main() {
	t := &Table{rows: map[int]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				t.Put(i, "v")
			}
		}()
	}
	wg.Wait()
}
