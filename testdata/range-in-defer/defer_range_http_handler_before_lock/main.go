// Shape: HTTP handler defers a logging range over the route-stats map before taking statsMu; the range runs after the deferred Unlock; race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

var (
	statsMu sync.Mutex
	stats   = map[string]int{}
)

func handle(w http.ResponseWriter, r *http.Request) {
	defer func() {
		total := 0
		for _, n := range stats { // want "deferred iteration of map stats"
			total += n
		}
		fmt.Fprintln(w, total)
	}()
	statsMu.Lock()
	defer statsMu.Unlock()
	stats[r.URL.Path]++
}

func main() {
	for i := 0; i < 5000; i++ {
		stats[fmt.Sprintf("/route%d", i)] = 0
	}
	srv := httptest.NewServer(http.HandlerFunc(handle))
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				resp, err := http.Get(fmt.Sprintf("%s/p%d", srv.URL, (i+j)%5))
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
