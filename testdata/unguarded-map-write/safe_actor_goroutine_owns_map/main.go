// Shape (safe): an actor goroutine alone owns the map and serves set/get requests over channels; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type setReq struct {
	k string
	v int
}

type getReq struct {
	k     string
	reply chan int
}

type Store struct {
	sets chan setReq
	gets chan getReq
	quit chan struct{}
}

func NewStore() *Store {
	s := &Store{sets: make(chan setReq), gets: make(chan getReq), quit: make(chan struct{})}
	go s.run()
	return s
}

func (s *Store) run() {
	data := map[string]int{}
	for {
		select {
		case r := <-s.sets:
			data[r.k] = r.v
			if r.v < 0 {
				delete(data, r.k)
			}
		case r := <-s.gets:
			r.reply <- data[r.k]
		case <-s.quit:
			return
		}
	}
}

func (s *Store) Set(k string, v int) { s.sets <- setReq{k, v} }

func (s *Store) Get(k string) int {
	r := getReq{k, make(chan int)}
	s.gets <- r
	return <-r.reply
}

func main() {
	s := NewStore()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := fmt.Sprint(i % 10)
				s.Set(k, i-w)
				_ = s.Get(k)
			}
		}()
	}
	wg.Wait()
	close(s.quit)
}
