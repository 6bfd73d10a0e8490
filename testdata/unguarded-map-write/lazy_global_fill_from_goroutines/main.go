// Shape: global map lazily filled on first use (`if m[k] == nil { m[k] = ... }`) by a function called from several goroutines; race detector: reports a race.
package main

import (
	"fmt"
	"sync"
)

type codec struct{ name string }

var codecs = map[string]*codec{}

func lookup(name string) *codec {
	if codecs[name] == nil {
		codecs[name] = &codec{name: name} // want "write to map codecs"
	}
	return codecs[name]
}

func main() {
	names := []string{"gzip", "zstd", "br", "lz4", "snappy"}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				_ = lookup(fmt.Sprint(names[(i+w)%len(names)], i%40))
			}
		}()
	}
	wg.Wait()
}
