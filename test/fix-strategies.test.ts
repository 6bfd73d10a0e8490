// Which fixes the concurrency findings carry, and which of them are safe: the choices
// that the .golden files (applied fixes) cannot show.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { scanFiles } from '../src/scan.js';
import { goFilesUnder, testdataDir } from './harness.js';
import { writeTemp } from './pkgutil.js';

async function fixesOf(rel: string): Promise<string[]> {
  const r = await scanFiles(goFilesUnder(path.join(testdataDir, rel)), { rules: allRules, jobs: 1 });
  return r.diagnostics.flatMap((d) => d.fixes.map((f) => `${f.safe ? 'safe' : 'suggestion'}: ${f.title}`));
}

describe('fix strategies', () => {
  it('does not guard with a lock that may already be held (deadlock), nor add a second lock beside a declared one', async () => {
    expect(await fixesOf('unguarded-map-read/lock_on_one_branch_read')).toEqual(['suggestion: Guard the read with c.mu.Lock()']);
    expect((await fixesOf('unguarded-map-write/lock_on_one_branch')).filter((f) => f.startsWith('safe'))).toEqual([]);
  });

  it('offers sync.Map only as a suggestion, and only when every use converts', async () => {
    expect(await fixesOf('unguarded-map-write/http_named_handler_func_global_map')).toEqual([
      'safe: Guard every access of sessions with a new sync.Mutex sessionsMu',
      'suggestion: Switch sessions to a sync.Map',
    ]);
    // len(seen) prevents it
    expect((await fixesOf('unguarded-map-write/go_closure_captured_map_write')).some((f) => f.includes('sync.Map'))).toBe(false);
  });

  it('adds a lock only as a suggestion when the map escapes into a call', async () => {
    expect(await fixesOf('unguarded-map-write/go_func_arg_map_write')).toContain('suggestion: Guard every access of m with a new sync.Mutex mMu');
  });

  it('prefers moving the defer, else a snapshot, for range-in-defer', async () => {
    expect(await fixesOf('range-in-defer/defer_range_registered_before_lock')).toEqual([
      'safe: Register the defer after b.mu.Lock(); defer b.mu.Unlock()',
      'safe: Iterate a copy of b.pending taken under b.mu.Lock()',
    ]);
    expect(await fixesOf('range-in-defer/defer_range_after_explicit_unlock')).toEqual(['safe: Iterate a copy of r.peers taken under r.mu.Lock()']);
  });

  it('takes the write lock only when nothing blocks while it is held', async () => {
    expect(await fixesOf('map-write-under-rlock/rlock_http_handler_write')).toEqual(['safe: Take s.mu.Lock() instead of s.mu.RLock() in handleVisit']);
    const dir = writeTemp({ 'a.go': `package a

import "sync"

type S struct {
	mu sync.RWMutex
	m  map[int]int
}

func (s *S) Put(k int, done chan int) {
	s.mu.RLock()
	s.m[k] = k
	done <- k
	s.mu.RUnlock()
}

func (s *S) Get(k int) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m[k]
}
` });
    const r = await scanFiles(goFilesUnder(dir), { rules: allRules, jobs: 1 });
    expect(r.diagnostics.flatMap((d) => d.fixes.map((f) => `${f.safe}: ${f.title}`))).toContain('false: Take s.mu.Lock() instead of s.mu.RLock() in Put');
  });

  it('adds a mutex to a struct only as a suggestion when the struct is copied by value (go vet copylocks)', async () => {
    const dir = writeTemp({ 'a.go': `package a

type T struct {
	m map[int]int
}

func (t T) Get(k int) int { return t.m[k] }

func (t *T) Put(k int) {
	go func() { t.m[k] = k }()
	t.m[k+1] = k
}
` });
    const r = await scanFiles(goFilesUnder(dir), { rules: allRules, jobs: 1 });
    const add = r.diagnostics.flatMap((d) => d.fixes).filter((f) => f.title.includes('new sync'));
    expect(add.length).toBeGreaterThan(0);
    expect(add.every((f) => !f.safe)).toBe(true);
  });

  it('sees a copy by value in a function body that names no map (left out of the parse)', async () => {
    const src = (copy: string) => `package a

type T struct {
	n int
	m map[int]int
}

func (t *T) Put(k int) {
	go func() {
		t.m[k] = k
	}()
	t.m[k+1] = k
}

${copy}
`;
    const safeOf = async (copy: string) => {
      const r = await scanFiles(goFilesUnder(writeTemp({ 'a.go': src(copy) })), { rules: allRules, jobs: 1 });
      return r.diagnostics.flatMap((d) => d.fixes).filter((f) => f.title.includes('new sync')).map((f) => f.safe);
    };
    expect(await safeOf('func count(t *T) int { return t.n }')).toContain(true);
    expect(await safeOf('func count(p *T) int { t := *p; var u T = t; return u.n }')).toEqual(expect.not.arrayContaining([true]));
  });
});
