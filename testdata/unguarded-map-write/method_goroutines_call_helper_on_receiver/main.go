// Shape: an exported method starts one goroutine per item, each calling an unexported method on the receiver that writes the receiver's map; race detector: reports a race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type Resolver struct {
	hosts map[string]string
}

func (r *Resolver) remember(name string) {
	r.hosts[name] = strings.ToUpper(name) // want "write to map r.hosts"
}

func (r *Resolver) ResolveAll(names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.remember(n)
		}()
	}
	wg.Wait()
}

func main() {
	r := &Resolver{hosts: map[string]string{}}
	r.ResolveAll([]string{"alpha", "beta", "gamma", "delta"})
	fmt.Println(len(r.hosts))
}
