// Shape (safe): the reads live in balanceLocked/totalLocked (helpers.go), called only while l.mu is held; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Ledger struct {
	mu       sync.Mutex
	balances map[string]int
}

func (l *Ledger) Transfer(from, to string, amt int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.balanceLocked(from) < amt {
		return false
	}
	l.balances[from] -= amt
	l.balances[to] += amt
	return true
}

func (l *Ledger) Total() (sum, accounts int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.totalLocked(), l.accountsLocked()
}

func main() {
	l := &Ledger{balances: map[string]int{"a": 1000, "b": 1000}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				l.Transfer("a", "acct"+strconv.Itoa(i%5), 1)
				if s, n := l.Total(); s < 0 || n < 2 {
					panic("ledger broken")
				}
			}
		}()
	}
	wg.Wait()
}
