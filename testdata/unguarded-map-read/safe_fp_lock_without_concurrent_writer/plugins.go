// Shape (safe as far as the package shows): Register and Lookup hold l.mu, Names reads
// l.byName without it. Nothing in the package writes the map from a goroutine, the type
// is not documented as safe for concurrent use, and no test writes it concurrently: the
// lock may serve callers that register every plugin at start-up and list the names
// afterwards (phase ordering set up in another package), so the read is not reported.
// race detector: no race for start-up registration.
package plugins

import "sync"

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

func (l *Loader) Lookup(name string) (func() error, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	run, ok := l.byName[name]
	return run, ok
}

func (l *Loader) Names() []string {
	names := make([]string, 0, len(l.byName))
	for name := range l.byName {
		names = append(names, name)
	}
	return names
}
