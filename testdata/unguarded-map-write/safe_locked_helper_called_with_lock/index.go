// Shape (safe): the map writes live in addLocked/removeLocked (helpers.go), called only while r.mu is held; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Index struct {
	mu     sync.Mutex
	byName map[string]int
	byID   map[int]string
}

func (r *Index) Add(name string, id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addLocked(name, id)
}

func (r *Index) Rename(id int, name string) {
	r.mu.Lock()
	r.removeLocked(id)
	r.addLocked(name, id)
	r.mu.Unlock()
}

func main() {
	r := &Index{byName: map[string]int{}, byID: map[int]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Add("n"+strconv.Itoa(i), i%50)
				r.Rename(i%50, "m"+strconv.Itoa(i))
			}
		}()
	}
	wg.Wait()
}
