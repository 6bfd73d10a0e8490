// Shape: type embeds sync.Mutex and locks with ix.Lock() in Add, but Forget deletes without locking; race detector: reports a race.
package main

import "sync"

type Index struct {
	sync.Mutex
	terms map[string][]int
}

func (ix *Index) Add(term string, doc int) {
	ix.Lock()
	defer ix.Unlock()
	ix.terms[term] = append(ix.terms[term], doc)
}

func (ix *Index) Forget(term string) {
	delete(ix.terms, term) // want "write to map ix\\.terms"
}

func main() {
	ix := &Index{terms: map[string][]int{}}
	words := []string{"go", "map", "race", "lock"}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			ix.Add(words[i%4], i)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			ix.Forget(words[i%4])
		}
	}()
	wg.Wait()
}
