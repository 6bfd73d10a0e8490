// Shape: global session map written in a named handler func registered with http.HandleFunc; race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

var sessions = map[string]time.Time{}

func handleLogin(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	sessions[user] = time.Now()  // want "write to map sessions"
	time.Sleep(time.Millisecond) // the real work of the handler
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	http.HandleFunc("/login", handleLogin)
	srv := httptest.NewServer(http.DefaultServeMux)
	defer srv.Close()

	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				resp, err := http.Get(fmt.Sprintf("%s/login?user=u%d", srv.URL, i*100+j))
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
