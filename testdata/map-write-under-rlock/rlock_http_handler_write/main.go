// Shape: HTTP handler records the last visit under RLock of the guard (handlers run concurrently); race detector: reports a race.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

type server struct {
	mu        sync.RWMutex
	lastVisit map[string]time.Time
}

func (s *server) handleVisit(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	prev := s.lastVisit[r.URL.Path]
	s.lastVisit[r.URL.Path] = time.Now() // want "write to map s\\.lastVisit under read lock"
	s.mu.RUnlock()
	time.Sleep(time.Millisecond) // the real work of the handler
	fmt.Fprintln(w, prev.IsZero())
}

func main() {
	s := &server{lastVisit: map[string]time.Time{}}
	srv := httptest.NewServer(http.HandlerFunc(s.handleVisit))
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				resp, err := http.Get(fmt.Sprintf("%s/p%d", srv.URL, j%4))
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
