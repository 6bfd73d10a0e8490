// Shape (safe): the lock is a mutex type from another package (imported under the name sync); every access holds it.
package main

import (
	"mapsafe.test/fixtures/unguarded-map-write/safe_fp_foreign_mutex_type/sync"
)

type Activity struct {
	mut sync.Mutex
	act map[string]int
}

func (a *Activity) Using(id string) {
	a.mut.Lock()
	a.act[id]++
	a.mut.Unlock()
}

func (a *Activity) Done(id string) {
	a.mut.Lock()
	defer a.mut.Unlock()
	delete(a.act, id)
}

func main() {
	a := &Activity{mut: sync.NewMutex(), act: map[string]int{}}
	done := make(chan bool)
	go func() { a.Using("x"); done <- true }()
	go func() { a.Done("x"); done <- true }()
	<-done
	<-done
}
