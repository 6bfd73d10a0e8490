// Shape: the same Loader, documented as safe for concurrent use: Names reads l.byName
// without the lock that Register takes, so a Names call that overlaps a Register races.
// race detector: reports a race when Names and Register run at the same time.
package plugins

import "sync"

// Loader keeps the plugins by name. It is safe for concurrent use by multiple goroutines.
type Loader struct {
	mu     sync.Mutex
	byName map[string]func() error
}

func NewLoader() *Loader { return &Loader{byName: map[string]func() error{}} }

func (l *Loader) Register(name string, run func() error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byName[name] = run
}

func (l *Loader) Names() []string {
	names := make([]string, 0, len(l.byName)) // want "len of map l\\.byName without holding l\\.mu"
	for name := range l.byName { // want "iteration of map l\\.byName without holding l\\.mu"
		names = append(names, name)
	}
	return names
}
