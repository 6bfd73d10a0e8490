// Shape: main builds a struct, calls its Start method, which starts a goroutine writing the struct's map, and reads the map itself without waiting; race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

type Meter struct {
	hits map[string]int
}

func (m *Meter) Start() {
	go func() {
		for i := 0; i < 500; i++ {
			m.hits[fmt.Sprint("k", i%9)]++
		}
	}()
}

func main() {
	m := &Meter{hits: map[string]int{}}
	m.Start()
	time.Sleep(50 * time.Microsecond)
	fmt.Println(len(m.hits)) // want "len of map m.hits"
}
