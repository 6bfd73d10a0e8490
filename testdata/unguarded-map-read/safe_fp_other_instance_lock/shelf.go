// Shape (safe): Rebuild holds s.mu for its whole loop and calls Add on a new Shelf
// (fresh.Add), which locks and unlocks fresh.mu, the mutex of another value of the same
// type: s.mu stays held, so the reads of s.books after that call are guarded.
// race detector: no race.
package shelf

import "sync"

type book struct{ title string }

type Shelf struct {
	mu    sync.Mutex
	books map[int]*book
}

func New() *Shelf { return &Shelf{books: map[int]*book{}} }

func (s *Shelf) Add(id int, b *book) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.books[id] = b
}

func (s *Shelf) Rebuild(ids []int) *Shelf {
	fresh := New()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		fresh.Add(id, &book{})
		if b := s.books[id]; b != nil {
			fresh.Add(id, b)
		}
	}
	return fresh
}

func (s *Shelf) Serve() {
	go func() {
		for i := 0; i < 10; i++ {
			s.Add(i, &book{})
		}
	}()
}
