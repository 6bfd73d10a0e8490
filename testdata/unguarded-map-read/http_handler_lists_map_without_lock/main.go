// Shape: /add writes the global map under mu, but the /list handler ranges it without the lock (handlers run concurrently); race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

var (
	mu    sync.Mutex
	items = map[string]int{}
)

func add(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	items[r.FormValue("k")]++
	mu.Unlock()
}

func list(w http.ResponseWriter, r *http.Request) {
	for k, n := range items { // want "iteration of map items"
		fmt.Fprintln(w, k, n)
	}
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/add", add)
	mux.HandleFunc("/list", list)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				url := fmt.Sprintf("%s/add?k=%d", srv.URL, j%7)
				if i%2 == 1 {
					url = srv.URL + "/list"
				}
				resp, err := http.Get(url)
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
