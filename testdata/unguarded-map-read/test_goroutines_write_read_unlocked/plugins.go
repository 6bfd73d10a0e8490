// Shape: the Loader of safe_fp_lock_without_concurrent_writer, whose test registers
// plugins from goroutines: the package's own tests use it concurrently, so Names,
// which skips the lock that Register takes, races with them.
// race detector: reports a race when Names overlaps the test's Register calls.
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
	names := make([]string, 0, len(l.byName)) // want "len of map l\\.byName without holding l\\.mu"
	for name := range l.byName { // want "iteration of map l\\.byName without holding l\\.mu"
		names = append(names, name)
	}
	return names
}
