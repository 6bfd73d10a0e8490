// Shape (safe): a documented contract that spans lines. Dump ranges r.byName without
// r.mu; its doc comment says that it must not be called concurrently with Add or
// Remove. The analysis assumes the contract, as it assumes "called with r.mu held".
package registry

import (
	"fmt"
	"strings"
	"sync"
)

type Registry struct {
	mu     sync.Mutex
	byName map[string]int
}

func (r *Registry) Add(name string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byName[name] = v
}

func (r *Registry) Remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.byName, name)
}

// Dump is meant for debugging output only, and must not be called
// concurrently with Add or Remove.
func (r *Registry) Dump() string {
	var b strings.Builder
	for k, v := range r.byName {
		fmt.Fprintf(&b, "%s=%d\n", k, v)
	}
	return b.String()
}
