// Shape (safe): a helper run only from the constructor (through a walk callback) fills the map before the value is published; race detector: no race.
package main

import "sync"

type Store struct {
	sync.RWMutex
	images map[string]int
}

func NewStore(ids []string) (*Store, error) {
	s := &Store{images: map[string]int{}}
	if err := s.restore(ids); err != nil {
		return nil, err
	}
	return s, nil
}

func walk(ids []string, f func(string) error) error {
	for _, id := range ids {
		if err := f(id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) restore(ids []string) error {
	return walk(ids, func(id string) error {
		s.images[id] = 1
		return nil
	})
}

func (s *Store) Set(id string) {
	s.Lock()
	defer s.Unlock()
	s.images[id] = 2
}

func main() {
	s, _ := NewStore([]string{"a", "b"})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); s.Set("c") }()
	}
	wg.Wait()
}
