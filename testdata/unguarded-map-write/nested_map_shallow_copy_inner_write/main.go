// Shape: Copy returns a shallow maps.Clone of a guarded nested map; the caller writes an inner map that is still shared; race detector: reports a race.
package main

import (
	"maps"
	"strconv"
	"sync"
	"time"
)

type Config struct {
	mu       sync.Mutex
	sections map[string]map[string]string
}

func (c *Config) Set(sec, k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sections[sec]
	if s == nil {
		s = map[string]string{}
		c.sections[sec] = s
	}
	s[k] = v
}

// Copy is shallow: the inner maps are shared with c.sections.
func (c *Config) Copy() map[string]map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.sections)
}

func main() {
	cfg := &Config{sections: map[string]map[string]string{"db": {"host": "localhost"}}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// keep writing for a while, past the caller's last write
		for i, end := 0, time.Now().Add(100*time.Millisecond); time.Now().Before(end); i++ {
			cfg.Set("db", "port"+strconv.Itoa(i%8), strconv.Itoa(i))
		}
	}()
	for i := 0; i < 1000; i++ {
		cp := cfg.Copy()
		cp["db"]["host"] = "override" // want "write to map cp"
	}
	wg.Wait()
}
