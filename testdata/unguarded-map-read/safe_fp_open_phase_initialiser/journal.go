// Shape (safe): an open phase. Open starts the writer goroutine, then open() loads the
// segments: load assigns j.segments a new map and takes no lock, so the value cannot be
// in concurrent use while it runs (the field itself would race), and open, which calls
// it on its own receiver, belongs to the same initialisation. The writer only writes
// after a request arrives, and requests come through Append, once Open has returned.
// race detector: no race.
package journal

import "sync"

type segment struct{ id int }

type Journal struct {
	mu       sync.Mutex
	segments map[int]*segment
	requests chan int
	done     chan struct{}
}

func Open(names []string) (*Journal, error) {
	j := &Journal{requests: make(chan int), done: make(chan struct{})}
	go j.writer()
	if err := j.open(names); err != nil {
		close(j.done)
		return nil, err
	}
	return j, nil
}

func (j *Journal) writer() {
	for {
		select {
		case id := <-j.requests:
			j.mu.Lock()
			j.segments[id] = &segment{id: id}
			j.mu.Unlock()
		case <-j.done:
			return
		}
	}
}

func (j *Journal) load(names []string) error {
	j.segments = make(map[int]*segment)
	for i := range names {
		j.segments[i] = &segment{id: i}
	}
	return nil
}

func (j *Journal) open(names []string) error {
	if err := j.load(names); err != nil {
		return err
	}
	if len(j.segments) == 0 {
		j.segments[0] = &segment{}
	}
	for id, s := range j.segments {
		s.id = id
	}
	return nil
}

func (j *Journal) Append(id int) { j.requests <- id }

func (j *Journal) Segment(id int) *segment {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.segments[id]
}
