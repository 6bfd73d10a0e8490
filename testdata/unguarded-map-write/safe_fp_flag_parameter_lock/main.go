// Shape (safe): a helper takes the lock itself unless its flag parameter says the caller holds it; race detector: no race.
package main

import "sync"

type Subs struct {
	mu   sync.Mutex
	subs map[string]int
}

func (s *Subs) add(k string, hasLock bool) {
	if !hasLock {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.subs[k]++
}

func (s *Subs) AddMany(ks []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range ks {
		s.add(k, true)
	}
}

func (s *Subs) Add(k string) { s.add(k, false) }

func main() {
	s := &Subs{subs: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			s.Add("a")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			s.AddMany([]string{"a", "b"})
		}
	}()
	wg.Wait()
}
