// Shape (safe): canon writes x.names and has two kinds of callers. The goroutines Build
// starts reach it only through addFile, which holds x.mu; the exported Word calls it
// without a lock, but from the ordinary flow, which cannot overlap those goroutines
// (Build waits for them before it hands x out). The locks a helper holds depend on
// who called it: in the goroutines, canon always runs under x.mu.
// race detector: no race.
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
	x.names[s] = s
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
		}(n)
	}
	wg.Wait()
	return x
}
