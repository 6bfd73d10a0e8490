// Shape: a method starts a goroutine that captures its receiver and writes the receiver's map field, then writes the same field itself; race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

type Index struct {
	terms map[string][]int
}

func (ix *Index) Add(doc int, words []string) {
	go func() {
		for _, w := range words {
			ix.terms[w] = append(ix.terms[w], doc) // want "write to map ix\\.terms in the goroutine started at main.go:14"
		}
	}()
	ix.terms["*"] = append(ix.terms["*"], doc) // want "write to map ix\\.terms races with"
}

func main() {
	ix := &Index{terms: map[string][]int{}}
	ix.Add(1, []string{"a", "b"})
	time.Sleep(10 * time.Millisecond)
	fmt.Println(len(ix.terms))
}
