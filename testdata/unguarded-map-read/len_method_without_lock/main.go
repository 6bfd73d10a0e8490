// Shape: Push/Pop guard the map with mu, but Len() returns len(q.pending) without the lock; race detector: reports a race.
package main

import (
	"sync"
)

type Queue struct {
	mu      sync.Mutex
	pending map[int]string
}

func (q *Queue) Push(id int, v string) {
	q.mu.Lock()
	q.pending[id] = v
	q.mu.Unlock()
}

func (q *Queue) Pop(id int) {
	q.mu.Lock()
	delete(q.pending, id)
	q.mu.Unlock()
}

func (q *Queue) Len() int {
	return len(q.pending) // want "len of map q\\.pending"
}

func main() {
	q := &Queue{pending: map[int]string{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			q.Push(i, "job")
			if i%2 == 0 {
				q.Pop(i)
			}
		}
	}()
	go func() {
		defer wg.Done()
		max := 0
		for i := 0; i < 2000; i++ {
			if n := q.Len(); n > max {
				max = n
			}
		}
	}()
	wg.Wait()
}
