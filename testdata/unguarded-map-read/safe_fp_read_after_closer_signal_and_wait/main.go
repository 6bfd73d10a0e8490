// Shape (safe): workers write s.seen under s.mu and call done.Done() when they leave;
// main calls done.SignalAndWait(), which returns once every worker has called Done, and
// only then reads s.seen without the lock; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type closer struct {
	wg   sync.WaitGroup
	stop chan struct{}
}

func newCloser(n int) *closer {
	c := &closer{stop: make(chan struct{})}
	c.wg.Add(n)
	return c
}

func (c *closer) Done()                    { c.wg.Done() }
func (c *closer) Stopped() <-chan struct{} { return c.stop }
func (c *closer) SignalAndWait()           { close(c.stop); c.wg.Wait() }

type suite struct {
	mu   sync.Mutex
	seen map[int]int
}

func main() {
	s := &suite{seen: map[int]int{}}
	done := newCloser(4)
	for i := 0; i < 4; i++ {
		go func(i int) {
			defer done.Done()
			for n := 0; ; n++ {
				select {
				case <-done.Stopped():
					return
				default:
				}
				s.mu.Lock()
				s.seen[i] = n
				s.mu.Unlock()
				if n > 100 {
					<-done.Stopped()
				}
			}
		}(i)
	}
	done.SignalAndWait()
	total := 0
	for k := range s.seen {
		total += s.seen[k]
	}
	fmt.Println(total > 0)
}
