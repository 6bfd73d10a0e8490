// Shape (safe): add reads and writes the inner maps of s.byKind; Activate calls it under
// s.mu, and restore, run only by NewStore on the store it has just allocated, calls it from
// a callback without the lock, before the store is returned; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu     sync.Mutex
	byKind map[int]map[string]bool
}

func NewStore(saved []string) *Store {
	s := &Store{byKind: map[int]map[string]bool{}}
	s.restore(saved)
	return s
}

func each(items []string, f func(string)) {
	for _, it := range items {
		f(it)
	}
}

func (s *Store) restore(saved []string) {
	each(saved, func(name string) {
		s.add(len(name), name)
	})
}

func (s *Store) Activate(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.add(len(name), name)
}

func (s *Store) add(kind int, name string) bool {
	set := s.byKind[kind]
	if set == nil {
		set = map[string]bool{}
		s.byKind[kind] = set
	}
	if set[name] {
		return false
	}
	set[name] = true
	return true
}

func main() {
	s := NewStore([]string{"a", "bb"})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s.Activate(fmt.Sprint("c", i))
		}(i)
	}
	wg.Wait()
	fmt.Println(s.Activate("a"))
}
