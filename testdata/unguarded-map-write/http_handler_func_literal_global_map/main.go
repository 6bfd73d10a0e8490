// Shape: global map written in an http.HandleFunc func literal (each request runs in its own goroutine); race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

var hits = map[string]int{}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++           // want "write to map hits"
		time.Sleep(time.Millisecond) // the real work of the handler
		fmt.Fprintln(w, "ok")
	})
	srv := httptest.NewServer(http.DefaultServeMux)
	defer srv.Close()
	hammer(srv.URL)
}

func hammer(url string) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				resp, err := http.Get(fmt.Sprintf("%s/p%d", url, j%3))
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
