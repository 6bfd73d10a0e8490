// Shape: nested map whose outer map is guarded, but the inner map is written after Unlock (Grant) and via m[a][b] with no lock (Revoke); race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Perms struct {
	mu     sync.Mutex
	byUser map[string]map[string]bool
}

func (p *Perms) Grant(user, perm string) {
	p.mu.Lock()
	inner, ok := p.byUser[user]
	if !ok {
		inner = map[string]bool{}
		p.byUser[user] = inner
	}
	p.mu.Unlock()
	inner[perm] = true // want "write to map inner"
}

func (p *Perms) Revoke(user, perm string) {
	delete(p.byUser[user], perm) // want "write to map p\\.byUser"
}

func (p *Perms) Has(user, perm string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.byUser[user][perm]
}

func main() {
	p := &Perms{byUser: map[string]map[string]bool{}}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				perm := "perm" + strconv.Itoa(i%10)
				switch w {
				case 0:
					p.Grant("alice", perm)
				case 1:
					p.Revoke("alice", perm)
				default:
					_ = p.Has("alice", perm)
				}
			}
		}()
	}
	wg.Wait()
}
