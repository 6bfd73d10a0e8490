// Shape (safe): embedded sync.RWMutex; len, range and index reads under s.RLock(), writes under s.Lock(); race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Pool struct {
	sync.RWMutex
	idle map[string]int
}

func (p *Pool) Put(k string) {
	p.Lock()
	p.idle[k]++
	p.Unlock()
}

func (p *Pool) Stats() (n, total int) {
	p.RLock()
	defer p.RUnlock()
	for _, v := range p.idle {
		total += v
	}
	return len(p.idle), total
}

func (p *Pool) Has(k string) bool {
	p.RLock()
	defer p.RUnlock()
	return p.idle[k] > 0
}

func main() {
	p := &Pool{idle: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := strconv.Itoa(i % 20)
				if w == 0 {
					p.Put(k)
				} else {
					p.Stats()
					p.Has(k)
				}
			}
		}()
	}
	wg.Wait()
}
