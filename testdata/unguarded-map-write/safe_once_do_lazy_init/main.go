// Shape (safe): global map filled inside sync.Once.Do on first use, only read afterwards by many goroutines; race detector: no race.
package main

import (
	"strings"
	"sync"
)

var (
	mimeOnce sync.Once
	mimes    map[string]string
)

func loadMimes() {
	mimes = map[string]string{}
	for _, l := range []string{"html text/html", "css text/css", "js text/javascript"} {
		f := strings.Fields(l)
		mimes[f[0]] = f[1]
	}
}

func mimeFor(ext string) string {
	mimeOnce.Do(loadMimes)
	return mimes[ext]
}

func main() {
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				_ = mimeFor([]string{"html", "css", "js", "png"}[i%4])
			}
		}()
	}
	wg.Wait()
}
