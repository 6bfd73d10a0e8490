// Shape (safe): the map is guarded through a sync.Cond whose L is the struct's own mutex; race detector: no race.
package main

import "sync"

type Hub struct {
	m    sync.Mutex
	cond *sync.Cond
	subs map[int]string
}

func NewHub() *Hub {
	h := &Hub{subs: map[int]string{}}
	h.cond = sync.NewCond(&h.m)
	return h
}

func (h *Hub) Add(k int, v string) {
	h.cond.L.Lock()
	defer h.cond.L.Unlock()
	h.subs[k] = v
	h.cond.Broadcast()
}

func (h *Hub) Remove(k int) {
	h.m.Lock()
	delete(h.subs, k)
	h.m.Unlock()
}

func main() {
	h := NewHub()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			h.Add(i%7, "x")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			h.Remove(i % 7)
		}
	}()
	wg.Wait()
}
