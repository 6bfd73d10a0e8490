// Locksets through branches, loops, defers, early returns, wrappers and helpers.
import { describe, expect, it } from 'vitest';
import { programAnalysis } from '../src/concurrency/program.js';
import type { Program } from '../src/concurrency/program.js';
import { effective } from '../src/concurrency/lockstate.js';
import { deferState } from '../src/concurrency/entries.js';
import { withPackage } from './pkgutil.js';

/** Lock names (with mode) held at the map access on `line`, one entry per access on that line. */
function locksAt(prog: Program, line: number): string[][] {
  const out: string[][] = [];
  for (const fn of prog.fns.values()) {
    for (const a of fn.facts.accesses) {
      if (a.map.startPosition.row + 1 !== line) continue;
      out.push([...effective(fn.entry, a.at).values()].map((h) => `${h.name}:${h.mode}`).sort());
    }
    for (const d of fn.facts.deferredAccesses) {
      if (d.map.startPosition.row + 1 !== line) continue;
      const at = deferState(fn.facts, d.index, (n) => prog.info(n)?.facts.exit ?? null);
      out.push([...effective(fn.entry, at).values()].map((h) => `${h.name}:${h.mode}`).sort());
    }
  }
  return out;
}

async function locks(src: string, lines: number[]): Promise<Record<number, string[][]>> {
  const out: Record<number, string[][]> = {};
  await withPackage({ 'a.go': src }, (ctx) => {
    const prog = ctx.get(programAnalysis);
    for (const l of lines) out[l] = locksAt(prog, l);
  });
  return out;
}

const header = `package p

import (
	"fmt"
	"sync"
)

type S struct {
	mu sync.RWMutex
	m  map[string]int
}

var _ = fmt.Sprint

`;
// header is 14 lines; code starts on line 15

describe('locksets', () => {
  it('follows Lock/Unlock, defer Unlock and RLock modes', async () => {
    const r = await locks(header + `func (s *S) A() {
	s.mu.Lock()
	s.m["a"] = 1
	s.mu.Unlock()
	s.m["b"] = 2
}

func (s *S) B() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m["x"]
}
`, [17, 19, 25]);
    expect(r[17]).toEqual([['s.mu:w']]);
    expect(r[19]).toEqual([[]]);
    expect(r[25]).toEqual([['s.mu:r']]);
  });

  it('keeps a lock after a branch only when every non-terminating path holds it', async () => {
    const r = await locks(header + `func (s *S) A(ok bool) {
	if ok {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.m["a"] = 1
}

func (s *S) B(ok bool) {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		return
	}
	s.m["b"] = 1
	s.mu.Unlock()
}

func (s *S) C(ok bool) {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		delete(s.m, "c")
		return
	}
	s.mu.Unlock()
}
`, [20, 29, 37]);
    expect(r[20]).toEqual([[]]);
    expect(r[29]).toEqual([['s.mu:w']]);
    expect(r[37]).toEqual([[]]);
  });

  it('intersects loop bodies with the loop entry', async () => {
    const r = await locks(header + `func (s *S) A(keys []string) {
	s.mu.Lock()
	for _, k := range keys {
		s.m[k] = 1
		s.mu.Unlock()
		s.mu.Lock()
	}
	s.mu.Unlock()
}

func (s *S) B(keys []string) {
	s.mu.Lock()
	for _, k := range keys {
		s.m[k] = 1
		s.mu.Unlock()
	}
}
`, [18, 28]);
    expect(r[18]).toEqual([['s.mu:w']]);
    expect(r[28]).toEqual([[]]);
  });

  it('runs defers last-in first-out with the locks held when they run', async () => {
    const r = await locks(header + `func (s *S) Under() {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		for range s.m {
		}
	}()
}

func (s *S) Before() {
	defer func() {
		for range s.m {
		}
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
}

func (s *S) Explicit() {
	s.mu.Lock()
	defer func() {
		for range s.m {
		}
	}()
	s.mu.Unlock()
}

func (s *S) Call() {
	defer fmt.Println(s.m)
	s.mu.Lock()
	defer s.mu.Unlock()
}
`, [19, 26, 36, 43]);
    expect(r[19]).toEqual([['s.mu:w']]);
    expect(r[26]).toEqual([[]]);
    expect(r[36]).toEqual([[]]);
    expect(r[43]).toEqual([[]]);
  });

  it('applies the effect of lock wrappers and analyses helpers with the locks of every call site', async () => {
    const r = await locks(header + `func (s *S) lock()   { s.mu.Lock() }
func (s *S) unlock() { s.mu.Unlock() }

func (s *S) A() {
	s.lock()
	defer s.unlock()
	s.m["a"] = 1
}

func (s *S) putLocked(k string) {
	s.m[k] = 1
}

func (s *S) B() {
	s.mu.Lock()
	s.putLocked("b")
	s.mu.Unlock()
}

func (s *S) C() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked("c")
}

func (s *S) dropSometimes(k string) {
	delete(s.m, k)
}

func (s *S) D() {
	s.mu.Lock()
	s.dropSometimes("d")
	s.mu.Unlock()
	s.dropSometimes("e")
}
`, [21, 25, 41]);
    expect(r[21]).toEqual([['s.mu:w']]);
    expect(r[25]).toEqual([['s.mu:w']]);
    expect(r[41]).toEqual([[]]);
  });

  it('identifies an embedded mutex and per-shard locks by type and field', async () => {
    const r = await locks(`package p

import "sync"

type E struct {
	sync.Mutex
	m map[string]int
}

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

type Sharded struct{ shards [4]shard }

func (e *E) A() {
	e.Lock()
	defer e.Unlock()
	e.m["a"] = 1
}

func (s *Sharded) B(i int) {
	s.shards[i].mu.Lock()
	defer s.shards[i].mu.Unlock()
	s.shards[i].m["b"] = 1
}
`, [20, 26]);
    expect(r[20]).toEqual([['e.Mutex:w']]);
    expect(r[26]).toEqual([['s.shards[i].mu:w']]);
  });
});

describe('callbacks and build variants', () => {
  it('runs a literal passed to a lock-taking helper with the caller\'s lock', async () => {
    const r = await locks(`package p

import "sync"

type C struct {
	sync.Mutex
	open map[int]bool
}

func withLock(lk sync.Locker, fn func()) {
	lk.Lock()
	defer lk.Unlock()
	fn()
}

func (c *C) Close() {
	withLock(c, func() {
		clear(c.open)
	})
}
`, [18]);
    expect(r[18]).toEqual([['c.Mutex:w']]);
  });

  it('gives declarations for other build configurations the callers of their twin', async () => {
    let out: string[] = [];
    await withPackage({
      'a.go': `package p

import "sync"

type S struct {
	mu sync.Mutex
	m  map[int]int
}

func (s *S) Add(k int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addLocked(k)
}
`,
      'b_unix.go': `package p

func (s *S) addLocked(k int) { s.m[k] = 1 }
`,
      'b_windows.go': `package p

func (s *S) addLocked(k int) { s.m[k] = 2 }
`,
    }, (ctx) => {
      const prog = ctx.get(programAnalysis);
      out = [...prog.fns.values()].filter((f) => f.facts.accesses.length > 0).map((f) => [...f.entry.keys()].join(','));
    });
    expect(out).toEqual(['field:S.mu', 'field:S.mu']);
  });
});
