// Goroutine roots, execution contexts, the call graph and happens-before.
import { describe, expect, it } from 'vitest';
import { conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { programAnalysis } from '../src/concurrency/program.js';
import { withPackage } from './pkgutil.js';

async function roots(src: string): Promise<string[]> {
  let out: string[] = [];
  await withPackage({ 'a.go': src }, (ctx) => {
    out = ctx.get(programAnalysis).roots.map((r) => `${r.kind}@${r.site.startPosition.row + 1}${r.multi ? '*' : ''}`);
  });
  return out;
}

/** Lines of accesses with a finding, as `line:kind`. */
async function findings(src: string, file = 'a.go'): Promise<string[]> {
  let out: string[] = [];
  await withPackage({ [file]: src }, (ctx) => {
    out = ctx.get(conflictsAnalysis).findings.map((f) => `${f.access.map.startPosition.row + 1}:${f.access.kind}`).sort();
  });
  return out;
}

describe('goroutine roots', () => {
  it('finds go statements, errgroup, AfterFunc, handlers and parallel subtests', async () => {
    const r = await roots(`package p

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

type H struct{}

func (H) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

func work() {}

func A(t *testing.T) {
	go work()
	for i := 0; i < 3; i++ {
		go func() {}()
	}
	var g errgroup.Group
	g.Go(func() error { return nil })
	time.AfterFunc(time.Second, work)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	var once sync.Once
	once.Do(work)
	t.Run("x", func(t *testing.T) { t.Parallel() })
	t.Run("y", func(t *testing.T) {})
}
`);
    expect(r.sort()).toEqual(['afterfunc@25', 'errgroup@24', 'go@19', 'go@21*', 'handler@14*', 'handler@26*', 'subtest@29*'].sort());
  });

  it('resolves methods, method values and local function variables as targets', async () => {
    const r = await roots(`package p

type S struct{}

func (s *S) run() {}

func A(s *S) {
	go s.run()
	f := s.run
	go f()
	var crawl func(int)
	crawl = func(d int) {
		if d > 0 {
			go crawl(d - 1)
		}
	}
	go crawl(3)
}
`);
    expect(r.sort()).toEqual(['go@10', 'go@14*', 'go@17', 'go@8'].sort());
  });
});

describe('happens-before', () => {
  it('orders accesses before the go statement and after Wait or a receive', async () => {
    const f = await findings(`package p

import "sync"

func A() {
	m := map[int]int{}
	m[0] = 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = m[1]
	}()
	wg.Wait()
	m[2] = 2
}

func B() {
	m := map[int]int{}
	done := make(chan bool)
	go func() {
		m[1] = 1
		close(done)
	}()
	<-done
	_ = len(m)
}

func C() {
	m := map[int]int{}
	done := make(chan bool)
	go func() {
		m[1] = 1
		done <- true
	}()
	_ = len(m)
	<-done
}
`);
    expect(f).toEqual(['33:write', '36:len']);
  });

  it('does not order accesses in a loop around the go statement', async () => {
    const f = await findings(`package p

func A() {
	m := map[int]int{}
	for i := 0; i < 3; i++ {
		m[i] = i
		go func() { _ = m[0] }()
	}
}
`);
    expect(f).toEqual(['6:write', '7:read']);
  });

  it('keeps a goroutine-local map and per-iteration maps private', async () => {
    const f = await findings(`package p

import "sync"

func A(xs []int) {
	var wg sync.WaitGroup
	for range xs {
		local := map[int]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := map[int]int{}
			own[1] = 1
			local[1] = 1
		}()
	}
	wg.Wait()
}
`);
    expect(f).toEqual([]);
  });

  it('follows parameters of goroutine functions to the argument at the go site', async () => {
    const f = await findings(`package p

func fill(m map[string]int) {
	m["x"] = 1
}

func A() {
	m := map[string]int{}
	go fill(m)
	m["y"] = 2
}
`);
    expect(f).toEqual(['10:write', '4:write']);
  });

  it('starts registered handlers when the server starts serving', async () => {
    const f = await findings(`package p

import (
	"net/http"
	"net/http/httptest"
)

var routes = map[string]string{}

func A() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_ = routes[r.URL.Path]
	})
	routes["/a"] = "a"
	srv := httptest.NewServer(http.DefaultServeMux)
	defer srv.Close()
	routes["/b"] = "b"
}
`);
    expect(f).toEqual(['12:read', '17:write']);
  });

  it('treats once.Do functions and init as happening before', async () => {
    const f = await findings(`package p

import "sync"

var (
	once  sync.Once
	table map[string]int
	names = map[string]bool{}
)

func init() { names["a"] = true }

func load() { table = map[string]int{}; table["a"] = 1 }

func Get(k string) (int, bool) {
	once.Do(load)
	return table[k], names[k]
}

func A() {
	for i := 0; i < 3; i++ {
		go Get("a")
	}
}
`);
    expect(f).toEqual([]);
  });
});

describe('objects', () => {
  it('does not mix up two objects of the same type', async () => {
    const f = await findings(`package p

type Counter struct{ n map[string]int }

func (c *Counter) Inc() { c.n["x"]++ }

func A() {
	for i := 0; i < 3; i++ {
		c := &Counter{n: map[string]int{}}
		go c.Inc()
	}
	shared := &Counter{n: map[string]int{}}
	for i := 0; i < 3; i++ {
		go shared.Inc()
	}
}
`);
    expect(f).toEqual(['5:write']);
  });

  it('treats exported methods as concurrent with goroutines the type starts on the same value', async () => {
    const f = await findings(`package p

type Cache struct{ m map[string]int }

func NewCache() *Cache {
	c := &Cache{m: map[string]int{}}
	go c.janitor()
	return c
}

func (c *Cache) janitor() {
	for k := range c.m {
		delete(c.m, k)
	}
}

func (c *Cache) Get(k string) int { return c.m[k] }

type Server struct{ conns map[int]bool }

func (s *Server) Start() { go s.loop() }

func (s *Server) loop() {
	for i := 0; ; i++ {
		s.conns[i] = true
	}
}

func (s *Server) Count() int { return len(s.conns) }
`);
    expect(f).toEqual(['13:write', '17:read', '25:write', '29:len']);
  });

  it('stays silent on a type whose goroutine only uses its own local state', async () => {
    const f = await findings(`package p

type Worker struct{ jobs chan string }

func NewWorker() *Worker {
	w := &Worker{jobs: make(chan string)}
	go w.run()
	return w
}

func (w *Worker) run() {
	seen := map[string]bool{}
	for j := range w.jobs {
		seen[j] = true
	}
}

func (w *Worker) Add(j string) { w.jobs <- j }
`);
    expect(f).toEqual([]);
  });

  it('infers a guard from the mutex of an enclosing struct', async () => {
    const f = await findings(`package p

import "sync"

type child struct{ m map[string]int }

type S struct {
	mu sync.Mutex
	c  child
}

func (s *S) Put(k string) { s.mu.Lock(); defer s.mu.Unlock(); s.c.m[k] = 1 }

func (s *S) Get(k string) int { s.mu.Lock(); defer s.mu.Unlock(); return s.c.m[k] }

func (s *S) Drop(k string) { delete(s.c.m, k) }
`);
    expect(f).toEqual(['16:write']);
  });

  it('honours a doc comment that says the lock must be held, and values fresh from a constructor', async () => {
    const f = await findings(`package p

import "sync"

type row struct {
	mu  sync.Mutex
	fam map[string]int
}

func newRow() *row { return &row{fam: map[string]int{}} }

func (r *row) Set(k string) { r.mu.Lock(); defer r.mu.Unlock(); r.fam[k] = 1 }

func (r *row) Get(k string) int { r.mu.Lock(); defer r.mu.Unlock(); return r.fam[k] }

// copy returns a copy of the row.
// r.mu should be held.
func (r *row) copy() *row {
	nr := newRow()
	for k, v := range r.fam {
		nr.fam[k] = v
	}
	return nr
}
`);
    expect(f).toEqual([]);
  });
});

describe('shapes', () => {
  it('errgroup', async () => {
    expect(await findings(`package p

import "golang.org/x/sync/errgroup"

func A(xs []int) map[int]int {
	m := map[int]int{}
	var g errgroup.Group
	for _, x := range xs {
		g.Go(func() error {
			m[x] = x
			return nil
		})
	}
	_ = g.Wait()
	return m
}
`)).toEqual(['10:write']);
  });

  it('syncmap', async () => {
    expect(await findings(`package p

import "sync"

var cache sync.Map

func A(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); cache.Store(x, x) }()
	}
	wg.Wait()
}
`)).toEqual([]);
  });

  it('handlerfunc', async () => {
    expect(await findings(`package p

import "net/http"

var hits = map[string]int{}

func count(w http.ResponseWriter, r *http.Request) { hits[r.URL.Path]++ }

func Routes(mux *http.ServeMux) {
	mux.Handle("/", http.HandlerFunc(count))
}
`)).toEqual(['7:write']);
  });

  it('getter-write', async () => {
    expect(await findings(`package p

import "sync"

type R struct {
	mu sync.RWMutex
	m  map[string]int
}

func (r *R) Map() map[string]int { r.mu.RLock(); defer r.mu.RUnlock(); return r.m }

func (r *R) Put(k string) { r.mu.Lock(); defer r.mu.Unlock(); r.m[k] = 1 }

func Use(r *R) {
	m := r.Map()
	for k := range m {
		_ = k
	}
	m["x"] = 2
}
`)).toEqual(['16:iterate', '19:write']);
  });
});
