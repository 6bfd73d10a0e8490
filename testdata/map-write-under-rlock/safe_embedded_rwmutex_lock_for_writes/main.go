// Shape (safe): embedded sync.RWMutex; writers call s.Lock(), readers s.RLock(); race detector: no race.
package main

import (
	"sync"
)

type Metrics struct {
	sync.RWMutex
	totals map[string]float64
}

func (s *Metrics) Record(k string, v float64) {
	s.Lock()
	defer s.Unlock()
	s.totals[k] += v
}

func (s *Metrics) Total(k string) float64 {
	s.RLock()
	defer s.RUnlock()
	return s.totals[k]
}

func main() {
	s := &Metrics{totals: map[string]float64{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				s.Record([]string{"cpu", "mem", "io"}[i%3], 1.5)
				_ = s.Total("cpu")
			}
		}()
	}
	wg.Wait()
}
