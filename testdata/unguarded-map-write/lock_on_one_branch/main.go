// Shape: the lock is taken on only one branch of an if, the write after it runs unlocked on the other path; race detector: reports a race.
package main

import "sync"

type Ledger struct {
	mu       sync.Mutex
	balances map[string]int
}

func (l *Ledger) Add(acct string, delta int) {
	if delta > 0 { // BUG: debits skip the lock
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	l.balances[acct] += delta // want "write to map l\\.balances"
}

func main() {
	l := &Ledger{balances: map[string]int{}}
	var wg sync.WaitGroup
	for _, d := range []int{1, -1, 2, -2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				l.Add([]string{"x", "y", "z"}[i%3], d)
			}
		}()
	}
	wg.Wait()
}
