package plugins

import (
	"fmt"
	"sync"
	"testing"
)

func TestRegisterWhileListing(t *testing.T) {
	l := NewLoader()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			l.Register(fmt.Sprint("p", i), func() error { return nil })
		}(i)
	}
	_ = l.Names()
	wg.Wait()
}
