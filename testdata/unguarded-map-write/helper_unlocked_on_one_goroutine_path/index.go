// Shape: the Indexer of safe_fp_helper_locked_in_goroutine_context, but each goroutine
// also calls canon directly, without x.mu: in the goroutines canon runs with and
// without the lock, so two of them write x.names at once.
// race detector: reports a race.
package index

import "sync"

type Indexer struct {
	mu    sync.Mutex
	names map[string]string
	files []string
}

func (x *Indexer) canon(s string) string {
	if c, ok := x.names[s]; ok {
		return c
	}
	x.names[s] = s // want "write to map x\\.names"
	return s
}

func (x *Indexer) addFile(name string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.files = append(x.files, x.canon(name))
}

// Word records one word of a document.
func (x *Indexer) Word(w string) string { return x.canon(w) }

func Build(names []string) *Indexer {
	x := &Indexer{names: map[string]string{}}
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			x.addFile(n)
			x.canon(n + ".bak")
		}(n)
	}
	wg.Wait()
	return x
}
