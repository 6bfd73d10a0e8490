// Shape: deferred closure json.Marshal()s the job-status map; it was registered before the Lock, so it runs after Unlock; race detector: reports a race.
package main

import (
	"encoding/json"
	"io"
	"strconv"
	"sync"
)

type Jobs struct {
	mu     sync.Mutex
	status map[string]string
	out    io.Writer
}

func (j *Jobs) Update(id, st string) {
	defer func() {
		if b, err := json.Marshal(j.status); err == nil { // want "deferred iteration of map j\\.status"
			j.out.Write(b)
		}
	}()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.status[id] = st
}

func main() {
	j := &Jobs{status: map[string]string{}, out: io.Discard}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				j.Update(strconv.Itoa(i%10), "running")
			}
		}()
	}
	wg.Wait()
}
