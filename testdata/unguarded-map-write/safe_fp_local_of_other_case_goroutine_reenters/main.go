// Shape (safe): exec starts a goroutine in one case clause and, in another clause, writes
// the map of a value bound there; the goroutine reaches that write only by entering exec
// again with a value of its own. The local of the other clause is out of the goroutine's
// scope, so the two writes touch two tables; race detector: no race.
package main

import "fmt"

type table struct {
	m map[int]int
}

func (t *table) put(k int) {
	t.m[k] = len(t.m)
}

func exec(op int, v interface{}, done chan struct{}) {
	switch op {
	case 0:
		go func() {
			exec(1, &table{m: map[int]int{}}, nil)
			close(done)
		}()
	case 1:
		if t, ok := v.(*table); ok {
			t.put(1)
			t.put(2)
		}
	}
}

func main() {
	done := make(chan struct{})
	exec(0, nil, done)
	t := &table{m: map[int]int{}}
	exec(1, t, nil)
	<-done
	fmt.Println(len(t.m))
}
