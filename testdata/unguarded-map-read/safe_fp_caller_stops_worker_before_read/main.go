// Shape (safe): a method starts a worker goroutine that writes the receiver's map; the caller calls Stop, which closes the quit channel and waits for the worker, before reading the map; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type Sampler struct {
	seen map[int]int
	quit chan struct{}
	wg   sync.WaitGroup
}

func (s *Sampler) Start() {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for i := 0; ; i++ {
			select {
			case <-s.quit:
				return
			default:
				s.seen[i%7]++
			}
		}
	}()
}

func (s *Sampler) Stop() {
	close(s.quit)
	s.wg.Wait()
}

func main() {
	s := &Sampler{seen: map[int]int{}, quit: make(chan struct{})}
	s.Start()
	s.Stop()
	fmt.Println(len(s.seen), s.seen[3])
}
