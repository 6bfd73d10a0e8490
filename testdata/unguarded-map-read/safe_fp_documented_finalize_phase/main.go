// Shape (safe): a documented phase. Record and Offsets run in the concurrent phase and
// hold t.mu; Finish reads t.offsets without it, and its doc comment says it runs after
// all workers have finished (its callers, in other packages, order it so). The
// contract is stated, not checked: the analysis assumes it, as it assumes "called
// with t.mu held". race detector: no race.
package table

import "sync"

type Table struct {
	mu      sync.Mutex
	offsets map[string]int
	pending []string
}

func New() *Table { return &Table{offsets: map[string]int{}} }

func (t *Table) Record(name string, off int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.offsets[name] = off
}

func (t *Table) Offset(name string) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	off, ok := t.offsets[name]
	return off, ok
}

func (t *Table) Want(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pending = append(t.pending, name)
}

// Finish is called after all workers have finished recording; it reports the names
// that were wanted but never recorded.
func (t *Table) Finish() []string {
	var missing []string
	for _, name := range t.pending {
		if _, ok := t.Offset(name); ok {
			continue
		}
		if _, ok := t.offsets[name+".abstract"]; !ok {
			missing = append(missing, name)
		}
	}
	return missing
}
