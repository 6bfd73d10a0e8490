// Shape (safe): one goroutine deletes and adds keys while ranging its own map (legal, no goroutines involved); race detector: no race.
package main

import "fmt"

func prune(m map[string]int, min int) {
	for k, v := range m {
		if v < min {
			delete(m, k)
		} else {
			m[k] = v - min
		}
	}
}

func main() {
	m := map[string]int{}
	for i := 0; i < 100; i++ {
		m[fmt.Sprint("k", i)] = i
	}
	prune(m, 50)
	m["extra"]++
	clear(m)
	fmt.Println(len(m))
}
