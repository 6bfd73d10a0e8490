// Shape (safe): the deferred closure, registered before the Lock, takes the lock itself before ranging; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

type Queue struct {
	mu      sync.Mutex
	waiting map[string]int
	depth   int
}

func (q *Queue) Push(k string) {
	defer func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		n := 0
		for _, v := range q.waiting {
			n += v
		}
		q.depth = n
	}()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.waiting[k]++
}

func main() {
	q := &Queue{waiting: map[string]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				q.Push(strconv.Itoa(i % 10))
			}
		}()
	}
	wg.Wait()
}
