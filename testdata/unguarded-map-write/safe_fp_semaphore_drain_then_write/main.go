// Shape (safe): workers started in a loop read a map and release a channel semaphore
// the parent acquired before each start; the parent fills the semaphore (cap(sem)
// sends), which waits for every release, and only then writes the map. Go memory
// model: the kth receive on a channel of capacity C happens before the k+Cth send
// completes. race detector: no race.
package main

import "fmt"

type job struct{ name string }

func main() {
	seen := map[string]int{"a": 1, "b": 2}
	jobs := []job{{"a"}, {"b"}, {"c"}, {"a"}}
	results := make([]int, len(jobs))
	sem := make(chan struct{}, 2)
	for i, j := range jobs {
		sem <- struct{}{}
		go func() {
			results[i] = seen[j.name]
			<-sem
		}()
	}
	for n := cap(sem); n > 0; n-- {
		sem <- struct{}{}
	}
	for i, j := range jobs {
		seen[j.name] += results[i]
	}
	delete(seen, "c")
	fmt.Println(len(seen), seen["a"])
}
