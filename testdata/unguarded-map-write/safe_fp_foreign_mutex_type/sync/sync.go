package sync

import "sync"

type Mutex interface {
	Lock()
	Unlock()
}

func NewMutex() Mutex { return &sync.Mutex{} }
