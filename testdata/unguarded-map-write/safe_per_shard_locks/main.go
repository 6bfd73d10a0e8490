// Shape (safe): sharded map, each shard's map guarded by that shard's own mutex (s.shards[i].mu guards s.shards[i].m); race detector: no race.
package main

import (
	"hash/fnv"
	"strconv"
	"sync"
)

const nShards = 8

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

type Sharded struct {
	shards [nShards]shard
}

func NewSharded() *Sharded {
	s := &Sharded{}
	for i := range s.shards {
		s.shards[i].m = map[string]int{}
	}
	return s
}

func idx(k string) int {
	h := fnv.New32a()
	h.Write([]byte(k))
	return int(h.Sum32() % nShards)
}

func (s *Sharded) Add(k string, d int) {
	i := idx(k)
	s.shards[i].mu.Lock()
	s.shards[i].m[k] += d
	s.shards[i].mu.Unlock()
}

func (s *Sharded) Delete(k string) {
	sh := &s.shards[idx(k)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	delete(sh.m, k)
}

func main() {
	s := NewSharded()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := strconv.Itoa(i % 64)
				s.Add(k, w)
				if i%5 == 0 {
					s.Delete(k)
				}
			}
		}()
	}
	wg.Wait()
}
