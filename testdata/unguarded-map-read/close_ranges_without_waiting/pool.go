// Shape: Close signals the workers to stop but does not wait for them before it ranges
// p.conns without the lock, while a worker may still be adding its connection.
// race detector: reports a race when a worker registers during Close.
package pool

import "sync"

type conn struct{ id int }

func (c *conn) shut() {}

type Pool struct {
	mu    sync.Mutex
	conns map[int]*conn
	quit  chan struct{}
	wg    sync.WaitGroup
}

func New(n int) *Pool {
	p := &Pool{conns: map[int]*conn{}, quit: make(chan struct{})}
	p.start(n)
	return p
}

func (p *Pool) start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.work(i)
	}
}

func (p *Pool) work(id int) {
	defer p.wg.Done()
	p.mu.Lock()
	p.conns[id] = &conn{id: id}
	p.mu.Unlock()
	<-p.quit
}

func (p *Pool) Close() {
	close(p.quit)
	for _, c := range p.conns { // want "iteration of map p\\.conns"
		c.shut()
	}
}
