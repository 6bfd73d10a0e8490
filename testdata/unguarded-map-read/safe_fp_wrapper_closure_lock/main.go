// Shape (safe): a wrapper returns a closure that runs f under the lock, and a timer runs the wrapped function; race detector: no race.
package main

import (
	"sync"
	"time"
)

type Server struct {
	mu     sync.Mutex
	routes map[string]int
}

func (s *Server) wrap(f func()) func() {
	return func() {
		s.mu.Lock()
		f()
		s.mu.Unlock()
	}
}

func (s *Server) beat() {
	for k := range s.routes {
		_ = k
	}
}

func (s *Server) Start() { time.AfterFunc(time.Millisecond, s.wrap(s.beat)) }

func (s *Server) AddRoute(k string) {
	s.mu.Lock()
	s.routes[k] = 1
	s.mu.Unlock()
}

func main() {
	s := &Server{routes: map[string]int{}}
	s.Start()
	for i := 0; i < 200; i++ {
		s.AddRoute("r")
	}
	time.Sleep(5 * time.Millisecond)
}
