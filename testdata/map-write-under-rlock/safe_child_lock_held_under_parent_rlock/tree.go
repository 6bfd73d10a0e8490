package main

import "sync"

// Tree: t.mu guards t.dirs (the set of directories); each dir's own mu guards its files map.
type Tree struct {
	mu   sync.RWMutex
	dirs map[string]*Dir
}

type Dir struct {
	mu    sync.Mutex
	files map[string]int
}

func (t *Tree) Mkdir(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dirs[name] == nil {
		t.dirs[name] = &Dir{files: map[string]int{}}
	}
}
