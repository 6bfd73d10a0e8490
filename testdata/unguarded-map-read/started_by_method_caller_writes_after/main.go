// Shape: a method starts a goroutine that reads the receiver's map and returns; its caller then writes the map through another method while the goroutine runs; race detector: reports a race.
package main

import (
	"fmt"
	"time"
)

type Flags struct {
	on map[string]bool
}

func (f *Flags) Poll(name string) {
	go func() {
		for i := 0; i < 30; i++ {
			if f.on[name] { // want "read of map f.on"
				fmt.Println(name, "enabled")
			}
			time.Sleep(10 * time.Microsecond)
		}
	}()
}

func (f *Flags) Enable(name string) { f.on[name] = true }

func main() {
	f := &Flags{on: map[string]bool{}}
	f.Poll("beta")
	for i := 0; i < 30; i++ {
		f.Enable(fmt.Sprint("beta", i%2))
		time.Sleep(10 * time.Microsecond)
	}
}
