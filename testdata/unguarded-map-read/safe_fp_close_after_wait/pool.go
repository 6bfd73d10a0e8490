// Shape (safe): Close stops the workers and waits for them (p.wg.Wait()) before it
// ranges p.conns without the lock; the workers, the only other users, have returned.
// race detector: no race.
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
	p.wg.Wait()
	for _, c := range p.conns {
		c.shut()
	}
}
