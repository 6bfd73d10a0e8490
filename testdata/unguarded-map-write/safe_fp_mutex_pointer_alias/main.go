// Shape (safe): a helper type's *sync.Mutex points at its owner's mutex, which every caller holds; race detector: no race.
package main

import "sync"

type keeper struct {
	mu     *sync.Mutex
	tokens map[string]int
}

func (k *keeper) add(t string) { k.tokens[t] = 1 }

func (k *keeper) sweep() {
	k.mu.Lock()
	for t := range k.tokens {
		delete(k.tokens, t)
	}
	k.mu.Unlock()
}

type Tokens struct {
	mu sync.Mutex
	k  *keeper
}

func New() *Tokens {
	t := &Tokens{}
	t.k = &keeper{mu: &t.mu, tokens: map[string]int{}}
	return t
}

func (t *Tokens) Assign(tok string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.k.add(tok)
}

func main() {
	t := New()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			t.k.sweep()
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			t.Assign("x")
		}
	}()
	wg.Wait()
}
