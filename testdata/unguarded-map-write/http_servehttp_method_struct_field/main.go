// Shape: struct map field written in a ServeHTTP method (counter.go) without any lock; race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

func main() {
	srv := httptest.NewServer(newVisitCounter())
	defer srv.Close()

	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				req, _ := http.NewRequest("GET", srv.URL, nil)
				req.Header.Set("User-Agent", fmt.Sprintf("agent-%d", j%4))
				resp, err := http.DefaultClient.Do(req)
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
