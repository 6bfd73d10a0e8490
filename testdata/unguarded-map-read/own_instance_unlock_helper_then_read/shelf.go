// Shape: Count takes s.mu, then calls s.release(), which unlocks the mutex of the same
// value, and reads s.books afterwards, while the goroutine Serve starts adds books
// under s.mu. race detector: reports a race.
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

func (s *Shelf) release() { s.mu.Unlock() }

func (s *Shelf) Count() int {
	s.mu.Lock()
	s.release()
	return len(s.books) // want "len of map s\\.books"
}

func (s *Shelf) Serve() {
	go func() {
		for i := 0; i < 10; i++ {
			s.Add(i, &book{})
		}
	}()
}
