// Shape: Set's Add/Remove lock s.mu, but String() (string.go) formats s.members with fmt.Sprint without it; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Set struct {
	mu      sync.Mutex
	members map[string]struct{}
}

func (s *Set) Add(m string) {
	s.mu.Lock()
	s.members[m] = struct{}{}
	s.mu.Unlock()
}

func (s *Set) Remove(m string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.members, m)
}

func main() {
	s := &Set{members: map[string]struct{}{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			s.Add(strconv.Itoa(i % 15))
			s.Remove(strconv.Itoa((i + 7) % 15))
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			_ = s.String()
		}
	}()
	wg.Wait()
}
