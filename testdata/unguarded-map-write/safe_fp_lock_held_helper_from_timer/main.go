// Shape (safe): a "Lock should be held" helper reached from a timer callback through a longer path, every caller holding the lock; race detector: no race.
package main

import (
	"sync"
	"time"
)

type store struct {
	mu     sync.Mutex
	blocks map[int]int
}

// Lock should be held.
func (fs *store) removeBlock(id int) { delete(fs.blocks, id) }

// Lock should be held.
func (fs *store) compactLocked() {
	for id := range fs.blocks {
		if id < 0 {
			fs.removeBlock(id)
		}
	}
}

func (fs *store) Purge(id int) {
	fs.mu.Lock()
	fs.removeBlock(id)
	fs.mu.Unlock()
}

func (fs *store) syncBlocks() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.compactLocked()
	fs.blocks[0] = 1
}

func (fs *store) start() { time.AfterFunc(time.Millisecond, fs.syncBlocks) }

func main() {
	fs := &store{blocks: map[int]int{-1: 1}}
	fs.start()
	for i := 0; i < 100; i++ {
		fs.Purge(i)
	}
	time.Sleep(5 * time.Millisecond)
}
