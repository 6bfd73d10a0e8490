// Shape: time.AfterFunc callback deletes from a map that Block/Blocked guard with mu; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
	"time"
)

type Limiter struct {
	mu      sync.Mutex
	blocked map[string]bool
}

func (l *Limiter) Block(ip string, d time.Duration) {
	l.mu.Lock()
	l.blocked[ip] = true
	l.mu.Unlock()
	time.AfterFunc(d, func() {
		delete(l.blocked, ip) // want "write to map l\\.blocked"
	})
}

func (l *Limiter) Blocked(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.blocked[ip]
}

func main() {
	l := &Limiter{blocked: map[string]bool{}}
	for i := 0; i < 500; i++ {
		ip := fmt.Sprintf("10.0.0.%d", i%20)
		l.Block(ip, time.Duration(i%3)*time.Microsecond)
		_ = l.Blocked(ip)
	}
	time.Sleep(50 * time.Millisecond)
}
