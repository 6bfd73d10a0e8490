// Shape (safe): flush takes a bucket out of q.buckets and deletes its entry under q.mu,
// then ranges the bucket after the unlock; add creates a new bucket for the same slot
// under the lock, so no other goroutine can reach the bucket flush took; race detector:
// no race.
package main

import (
	"fmt"
	"sync"
)

type queue struct {
	mu      sync.Mutex
	buckets map[int]map[string]int
}

func (q *queue) add(slot int, key string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	b, ok := q.buckets[slot]
	if !ok {
		b = map[string]int{}
		q.buckets[slot] = b
	}
	b[key]++
}

func (q *queue) flush(slot int) int {
	q.mu.Lock()
	b := q.buckets[slot]
	delete(q.buckets, slot)
	q.mu.Unlock()

	n := 0
	for _, c := range b {
		n += c
	}
	return n
}

func (q *queue) Run() int {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			q.add(i%2, fmt.Sprint(i))
		}(i)
	}
	total := q.flush(0)
	wg.Wait()
	return total + q.flush(0) + q.flush(1)
}

func main() {
	q := &queue{buckets: map[int]map[string]int{}}
	fmt.Println(q.Run())
}
