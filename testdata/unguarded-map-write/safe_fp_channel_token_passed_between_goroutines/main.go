// Shape (safe): the state holding the map travels through a channel of capacity one; every goroutine receives it, uses the map and sends it back, so one goroutine at a time touches it; race detector: no race.
package main

import (
	"fmt"
	"sync"
)

type registry struct {
	peers map[int]string
}

type Tracker struct {
	state chan *registry
}

func (t *Tracker) join(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	reg := <-t.state
	reg.peers[id] = fmt.Sprint("peer-", id)
	t.state <- reg
}

func (t *Tracker) Run(n int) {
	t.state = make(chan *registry, 1)
	t.state <- &registry{peers: map[int]string{}}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go t.join(i, &wg)
	}
	go func() {
		reg := <-t.state
		if len(reg.peers) > n {
			delete(reg.peers, 0)
		}
		t.state <- reg
	}()
	wg.Wait()
}

func main() {
	t := &Tracker{}
	t.Run(6)
	reg := <-t.state
	fmt.Println(len(reg.peers))
	t.state <- reg
}
