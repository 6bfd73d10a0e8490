// Shape (safe): package-level map literal only read, from concurrently running HTTP handlers; race detector: no race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

var redirects = map[string]string{
	"/old":  "/new",
	"/blog": "/posts",
	"/home": "/",
}

func handle(w http.ResponseWriter, r *http.Request) {
	if to, ok := redirects[r.URL.Path]; ok {
		fmt.Fprintln(w, "->", to)
		return
	}
	fmt.Fprintln(w, len(redirects), "routes")
	for from := range redirects {
		fmt.Fprintln(w, from)
	}
}

func main() {
	srv := httptest.NewServer(http.HandlerFunc(handle))
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				resp, err := http.Get(srv.URL + []string{"/old", "/x", "/home"}[(i+j)%3])
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
