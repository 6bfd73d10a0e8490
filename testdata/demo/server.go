package main

import (
	"fmt"
	"net/http"
)

// visits is written by every request: each request runs in its own goroutine.
var visits = map[string]int{}

func handleVisit(w http.ResponseWriter, r *http.Request) {
	visits[r.URL.Path]++ // want "write to map visits"
	fmt.Fprintln(w, "ok")
}

func main() {
	cache := NewCache()
	http.HandleFunc("/visit", handleVisit)
	http.HandleFunc("/hit", func(w http.ResponseWriter, r *http.Request) {
		cache.Hit(r.URL.Path)
		fmt.Fprintln(w, cache.Count(r.URL.Path))
	})
	http.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		cache.Reset(r.URL.Path)
		cache.Dump()
	})
	fmt.Println(mapLen(map[string]int{"a": 1}), iterate(map[string]int{"b": 2}))
	if err := http.ListenAndServe("127.0.0.1:8080", nil); err != nil {
		fmt.Println(err)
	}
}
