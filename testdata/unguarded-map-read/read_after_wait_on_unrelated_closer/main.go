// Shape: a worker writes s.seen under s.mu until quit is closed; main waits on a closer
// the worker never calls Done on (flusher.SignalAndWait() joins only the flusher), then
// reads s.seen without the lock while the worker still runs; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

type closer struct {
	wg sync.WaitGroup
}

func (c *closer) Done()          { c.wg.Done() }
func (c *closer) SignalAndWait() { c.wg.Wait() }

type suite struct {
	mu   sync.Mutex
	seen map[int]int
}

func main() {
	s := &suite{seen: map[int]int{}}
	quit := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for n := 0; ; n++ {
			select {
			case <-quit:
				return
			default:
			}
			s.mu.Lock()
			s.seen[n%8] = n
			s.mu.Unlock()
		}
	}()
	flusher := &closer{}
	flusher.wg.Add(1)
	go func() {
		defer flusher.Done()
	}()
	flusher.SignalAndWait()
	total := 0
	for i := 0; i < 1000; i++ {
		total += s.seen[i%8] // want "read of map s\\.seen races with the write at main.go:36"
	}
	close(quit)
	<-stopped
	fmt.Println(total >= 0)
}
