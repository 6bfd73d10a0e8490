// Shape: nested map; the inner map is fetched under the lock, then ranged after Unlock while Grant writes it under the lock; race detector: reports a race.
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
	defer p.mu.Unlock()
	if p.byUser[user] == nil {
		p.byUser[user] = map[string]bool{}
	}
	p.byUser[user][perm] = true
}

func (p *Perms) List(user string) []string {
	p.mu.Lock()
	inner := p.byUser[user]
	p.mu.Unlock()
	var out []string
	for perm := range inner { // want "iteration of map inner"
		out = append(out, perm)
	}
	return out
}

func main() {
	p := &Perms{byUser: map[string]map[string]bool{}}
	p.Grant("bob", "read")
	start := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		<-start
		for i := 0; i < 20000; i++ {
			p.Grant("bob", "p"+strconv.Itoa(i%40))
		}
	}()
	go func() {
		defer wg.Done()
		<-start
		for i := 0; i < 500; i++ {
			_ = p.List("bob")
		}
	}()
	close(start) // both loops start together so they overlap
	wg.Wait()
}
