// Shape: Values() returns the internal map under RLock; the caller indexes it after the lock is gone while Set writes; race detector: reports a race.
package main

import (
	"strconv"
	"sync"
)

type Config struct {
	mu     sync.RWMutex
	values map[string]string
}

func (c *Config) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[k] = v
}

func (c *Config) Values() map[string]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.values
}

func main() {
	cfg := &Config{values: map[string]string{"timeout": "1s"}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			cfg.Set("k"+strconv.Itoa(i%50), strconv.Itoa(i))
		}
	}()
	hits := 0
	for i := 0; i < 1000; i++ {
		if cfg.Values()["timeout"] != "" { // want "read of map cfg\\.Values"
			hits++
		}
	}
	wg.Wait()
	_ = hits
}
