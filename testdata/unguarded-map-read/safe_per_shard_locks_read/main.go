// Shape (safe): per-shard locks; Get and Len read s.shards[i].m only while holding s.shards[i].mu; race detector: no race.
package main

import (
	"strconv"
	"sync"
)

const nShards = 4

type Counters struct {
	shards [nShards]struct {
		mu sync.Mutex
		m  map[string]int
	}
}

func NewCounters() *Counters {
	c := &Counters{}
	for i := range c.shards {
		c.shards[i].m = map[string]int{}
	}
	return c
}

func shardOf(k string) int { return len(k) % nShards }

func (c *Counters) Inc(k string) {
	i := shardOf(k)
	c.shards[i].mu.Lock()
	c.shards[i].m[k]++
	c.shards[i].mu.Unlock()
}

func (c *Counters) Get(k string) int {
	i := shardOf(k)
	c.shards[i].mu.Lock()
	defer c.shards[i].mu.Unlock()
	return c.shards[i].m[k]
}

func (c *Counters) Len() int {
	n := 0
	for i := range c.shards {
		c.shards[i].mu.Lock()
		n += len(c.shards[i].m)
		c.shards[i].mu.Unlock()
	}
	return n
}

func main() {
	c := NewCounters()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := strconv.Itoa(i * (w + 1))
				c.Inc(k)
				_ = c.Get(k) + c.Len()
			}
		}()
	}
	wg.Wait()
}
