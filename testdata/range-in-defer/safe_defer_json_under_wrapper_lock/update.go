// Shape (safe): `s.lock(); defer s.unlock(); defer func(){ json.Marshal(s.jobs) }()` (wrappers in state.go) - the marshal runs before the unlock; race detector: no race.
package main

import (
	"encoding/json"
	"io"
	"strconv"
	"sync"
)

func (s *State) Update(id, st string) {
	s.lock()
	defer s.unlock()
	defer func() {
		if b, err := json.Marshal(s.jobs); err == nil {
			s.audit.Write(b)
		}
	}()
	s.jobs[id] = st
}

func main() {
	s := &State{jobs: map[string]string{}, audit: io.Discard}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				s.Update(strconv.Itoa(i%10), "done")
			}
		}()
	}
	wg.Wait()
}
