// Shape (safe): writes take Lock, reads take RLock in other functions of the same type; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Users struct {
	mu    sync.RWMutex
	names map[int]string
}

func (u *Users) Name(id int) (string, bool) {
	u.mu.RLock()
	defer u.mu.RUnlock()
	n, ok := u.names[id]
	return n, ok
}

func (u *Users) SetName(id int, name string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.names[id] = name
}

func (u *Users) Remove(id int) {
	u.mu.Lock()
	delete(u.names, id)
	u.mu.Unlock()
}

func main() {
	u := &Users{names: map[int]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				switch w {
				case 0:
					u.SetName(i%32, strconv.Itoa(i))
				case 1:
					u.Remove(i % 32)
				default:
					u.Name(i % 32)
				}
			}
		}()
	}
	wg.Wait()
}
