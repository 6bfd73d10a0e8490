// Shape: Evict (evict.go) deletes from data under statsMu, but data is guarded by mu everywhere else; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Store struct {
	mu   sync.Mutex // guards data
	data map[string]string

	statsMu   sync.Mutex // guards evictions
	evictions int
}

func (s *Store) Put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
}

func (s *Store) Get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

func main() {
	s := &Store{data: map[string]string{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			s.Put(strconv.Itoa(i%100), "v")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			s.Evict(strconv.Itoa(i % 100))
		}
	}()
	wg.Wait()
	_ = s.Get("1")
}
