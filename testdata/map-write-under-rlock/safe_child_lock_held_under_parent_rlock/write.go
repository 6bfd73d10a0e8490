// Shape (safe): the child map d.files is written under the child's exclusive d.mu.Lock() while only the parent's RLock (tree.go) is held; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

func (t *Tree) WriteFile(dir, name string, size int) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	d := t.dirs[dir]
	if d == nil {
		return
	}
	d.mu.Lock()
	d.files[name] = size
	d.mu.Unlock()
}

func main() {
	t := &Tree{dirs: map[string]*Dir{}}
	t.Mkdir("etc")
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				t.WriteFile("etc", "f"+strconv.Itoa(i%10), i)
				if i%100 == 0 {
					t.Mkdir("d" + strconv.Itoa(w))
				}
			}
		}()
	}
	wg.Wait()
}
