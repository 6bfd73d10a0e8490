package main

import (
	"net/http"
	"time"
)

// visitCounter counts visits per user agent. It has no lock at all.
type visitCounter struct {
	byAgent map[string]int
}

func newVisitCounter() *visitCounter {
	return &visitCounter{byAgent: make(map[string]int)}
}

func (v *visitCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.byAgent[r.UserAgent()]++   // want "write to map v\\.byAgent"
	time.Sleep(time.Millisecond) // the real work of the handler
	w.WriteHeader(http.StatusOK)
}
