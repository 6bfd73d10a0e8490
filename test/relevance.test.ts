// Function bodies left out of the parse (src/relevance.ts): which ones, and proof that
// leaving them out never changes a result, on every fixture and on the Go standard library.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { analyzeDirectory, prepareDirectory } from '../src/analyze.js';
import { discover } from '../src/discover.js';
import { getParser } from '../src/parser.js';
import { bodyRelevance, includedRanges } from '../src/relevance.js';
import { scanFiles } from '../src/scan.js';
import type { ScanResult } from '../src/scan.js';
import { goFilesUnder, testdataDir } from './harness.js';

/** Names of the functions whose bodies are left out, for one file of Go source. */
function skipped(...sources: string[]): string[] {
  const files = sources.map((text, i) => ({ path: `/p/f${i}.go`, text }));
  const rel = bodyRelevance(files);
  const out: string[] = [];
  files.forEach((f) => {
    for (const [from] of rel.get(f.path)?.skip ?? []) {
      const head = f.text.slice(0, from);
      out.push(/func\s+(?:\([^)]*\)\s*)?(\w+)[^\n]*$/.exec(head)?.[1] ?? '?');
    }
  });
  return out.sort();
}

const plain = (r: ScanResult) => JSON.stringify({ d: r.diagnostics, n: r.notifications, f: r.files, p: r.packages });

describe('function bodies that cannot matter', () => {
  it('parses what the concurrency engine walks and can change a finding: accesses, locks, goroutines and their callers; leaves out the rest', () => {
    expect(skipped(`package p

import "sync"

type S struct {
	mu    sync.Mutex
	items map[string]int
	name  string
}

func helper(x int) int { y := x * 2; return y }

func (s *S) Name() string { return s.name }

func (s *S) put(k string) { s.items[k] = helper(1) }

func (s *S) Put(k string) { s.lock(); s.put(k); s.unlock() }

func (s *S) lock() { s.mu.Lock() }

func (s *S) unlock() { s.mu.Unlock() }

func (s *S) Reset() { s.lock(); s.name = ""; s.unlock() }

func (s *S) Unused() { s.mu.Lock(); defer s.mu.Unlock() }

func unrelated() { println("{", '}', ` + '`}`' + `) /* } */ }

func spawn() { go unrelated() }
`)).toEqual(['Name', 'helper', 'unrelated']);
  });

  it('follows names declared with a map type through types, fields, variables and signatures, across files', () => {
    expect(skipped(
      'package p\n\ntype Set map[string]bool\n\ntype Box struct {\n\tinner Set\n}\n\nvar registry = newSet()\n',
      'package p\n\nfunc newSet() Set { return nil }\n\nfunc useBox(b *Box) int { return len(b.inner) }\n\nfunc useReg() bool { return registry["x"] }\n\nfunc other() int { return 1 }\n',
    )).toEqual(['other']);
  });

  it('parses a getter whose result a kept body uses, a callee calling its own callback, and a body holding a linkname', () => {
    expect(skipped(`package p

type state struct{ m map[int]int }

type T struct{ st *state }

func (t *T) state() *state { return t.st }

func (t *T) count() int { return 3 }

func (t *T) Write(k int) { t.state().m[k] = t.count(); apply(nil); store(nil) }

func (t *T) Start() { go t.Write(1) }

func apply(f func()) { f() }

func store(f func()) { _ = f }

func pull() {
	//go:linkname x runtime.mapaccess1
}
`)).toEqual(['count', 'store']);
  });

  it('treats only top-level func keywords as declarations, and struct braces in a signature as a type', () => {
    expect(skipped(`package p

var f = func() int { return 1 }

func g() struct{ a int } { return struct{ a int }{1} }

func h(x interface{ M() }) (n int) { return 0 }
`)).toEqual(['g', 'h']);
  });

  it('leaves out the interiors of package-level data literals, and keeps those naming a function, a map, a channel, unsafe or a function literal', () => {
    const text = `package p

import "unsafe"

type row struct {
	n    int
	name string
	f    func()
}

var table = []row{
	{1, "a", nil},
	{2, "b", nil},
}

var (
	sizes  = [...]int{1, 2, 3}
	byName = map[string]int{"a": 1}
	calls  = []row{{f: handle}}
	lits   = []row{{f: func() {}}}
	ptrs   = []uintptr{uintptr(unsafe.Sizeof(0))}
	made   = []int{len(table)}
)

var one = func() []int { return []int{1} }()

func handle() {}
`;
    const rel = bodyRelevance([{ path: '/p/t.go', text }]).get('/p/t.go')!;
    const left = rel.skip.map(([from, to]) => text.slice(from - 1, to + 1).replace(/\s+/g, ' '));
    expect(left).toEqual(['{ {1, "a", nil}, {2, "b", nil}, }', '{1, 2, 3}', '{len(table)}']);
  });

  it('walks nothing in a directory without the identifier map, and says so', () => {
    const locks = 'package p\n\nimport "sync"\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n// A map in a comment is not a map.\nfunc (s *S) Inc() { s.mu.Lock(); s.n++; s.mu.Unlock() }\n\nfunc Start(s *S) { go s.Inc() }\n';
    const mapTyped = (mapless: boolean) => !mapless;
    const alone = bodyRelevance([{ path: '/p/a.go', text: locks }], mapTyped).get('/p/a.go')!;
    expect(alone.mapless).toBe(true);
    expect(alone.skip).toHaveLength(2);
    // A rule that is not limited to map types (a probe of the engine) still gets the walk.
    expect(bodyRelevance([{ path: '/p/a.go', text: locks }]).get('/p/a.go')!.skip).toHaveLength(0);
    const withMap = bodyRelevance([{ path: '/p/a.go', text: locks }, { path: '/p/b.go', text: 'package p\n\nvar names map[string]int\n' }], mapTyped).get('/p/a.go')!;
    expect(withMap.mapless).toBe(false);
    expect(withMap.skip).toHaveLength(0);
  });

  it('walks nothing where no function the engine may walk names a map, when only map accesses are judged', () => {
    const text = 'package p\n\nimport "sync"\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n\nfunc (s *S) Inc() { s.mu.Lock(); s.n++; s.mu.Unlock() }\n\nfunc Start(s *S) { go s.Inc() }\n\nfunc table() map[string]int { return map[string]int{"a": 1} }\n';
    const rel = (t: string, only: boolean, readsMapBodies = true) => bodyRelevance([{ path: '/p/a.go', text: t }], () => true, { mapAccessesOnly: only, readsMapBodies }).get('/p/a.go')!;
    // `table` names a map (its body stays, for the map-memory rules) but nothing walked calls it.
    expect(rel(text, true)).toMatchObject({ mapless: false, judgesMaps: false, keepsBody: true });
    expect(rel(text, true).skip).toHaveLength(2);
    expect(rel(text, false).skip).toHaveLength(0);
    // No rule reads the bodies that name a map (only the concurrency rules run): `table` is left out too.
    expect(rel(text, true, false)).toMatchObject({ judgesMaps: false, keepsBody: false });
    expect(rel(text, true, false).skip).toHaveLength(3);
    // A walked function that calls it: the walk is parsed.
    const used = `${text}\nfunc (s *S) Use() int { s.mu.Lock(); defer s.mu.Unlock(); return table()["a"] }\n`;
    expect(rel(used, true)).toMatchObject({ judgesMaps: true });
    expect(rel(used, true).skip).toHaveLength(0);
  });

  it('takes the packages of a directory one by one: an external test package does not lead into the package it tests', () => {
    const lib = 'package p\n\nvar reg = map[string]int{}\n\nfunc Put(k string) { reg[k] = 1 }\n';
    const test = (pkg: string) => `package ${pkg}\n\nimport "testing"\n\nfunc TestPut(t *testing.T) { t.Parallel(); ${pkg === 'p' ? '' : 'p.'}Put("a") }\n`;
    const rel = (pkg: string) => bodyRelevance([{ path: '/p/p.go', text: lib }, { path: '/p/p_test.go', text: test(pkg) }], () => true, { mapAccessesOnly: true, readsMapBodies: false });
    // In package p_test, p.Put is another package's function: nothing in p is walked.
    expect(rel('p_test').get('/p/p.go')).toMatchObject({ judgesMaps: false, keepsBody: false });
    expect(rel('p_test').get('/p/p_test.go')).toMatchObject({ judgesMaps: false, keepsBody: false });
    // An internal test calls Put in its own package: both bodies are walked.
    expect(rel('p').get('/p/p.go')).toMatchObject({ judgesMaps: true, keepsBody: true, skip: [] });
    expect(rel('p').get('/p/p_test.go')).toMatchObject({ judgesMaps: true, keepsBody: true, skip: [] });
  });

  it('walks nothing in a package the engine does not walk: no concurrency import, no go statement, or the runtime', () => {
    const text = (imp: string) => `package p\n${imp}\ntype Locker interface{ Lock(); Unlock() }\n\ntype S struct {\n\tmu Locker\n\tm  map[string]int\n}\n\nfunc (s *S) Put() { s.mu.Lock(); s.m["a"] = 1; s.mu.Unlock() }\n`;
    const rel = (t: string, noWalk = false) => bodyRelevance([{ path: '/p/a.go', text: t }], () => true, { mapAccessesOnly: true, readsMapBodies: false, noWalk }).get('/p/a.go')!;
    expect(rel(text(''))).toMatchObject({ judgesMaps: false, keepsBody: false });
    expect(rel(text('\nimport "sync"\n\nvar _ sync.Mutex\n'))).toMatchObject({ judgesMaps: true, keepsBody: true });
    expect(rel(text('\nimport "sync"\n\nvar _ sync.Mutex\n'), true)).toMatchObject({ judgesMaps: false, keepsBody: false });
  });

  it('keeps every caller up a long chain to a map access, and leaves out a body that mentions a helper only in a comment or string', () => {
    const n = 3000;
    const chain = `package p\n\nvar m = map[int]int{}\n${Array.from({ length: n }, (_, i) => `func f${i}() { f${i + 1}() }`).join('\n')}\nfunc f${n}() { m[1] = 1 }\nfunc main() { go f0(); f0() }\n`;
    expect(bodyRelevance([{ path: '/p/c.go', text: chain }]).get('/p/c.go')!.skip).toEqual([]);
    // The engine looks for callers by the name anywhere in a body's text, comments included, so it may walk
    // \`caller\`; but \`caller\` calls nothing that matters (its identifiers say so), and an empty body walks the same.
    expect(skipped(`package p

var m = map[int]int{}

func put() { m[1] = 1 }

func caller() {
	// put is called elsewhere
	println("put")
}

func other() { println("x") }

func main() { go put() }
`)).toEqual(['caller', 'other']);
  });

  it('does not parse a directory where no body is left and no rule can find anything outside bodies', async () => {
    // `var z = 1 +;` is a syntax error the lexer does not see: only a parse reports it.
    const dir = (extra: string) => [{ path: '/p/a.go', text: `package p\n\nimport "sync"\n\nvar mu sync.Mutex\nvar z = 1 +;\n${extra}\nfunc f() {\n\tmu.Lock()\n\tmu.Unlock()\n}\n` }];
    const run = async (extra: string, skipBodies?: boolean) => {
      const r = await analyzeDirectory('/p', dir(extra), allRules, null, { skipBodies });
      return { files: r.files, packages: r.packages, notes: r.notifications.map((n) => n.kind) };
    };
    // No map anywhere: the concurrency rules judge nothing, the map-memory rules find nothing outside bodies.
    expect(await run('')).toEqual({ files: 1, packages: 1, notes: [] });
    expect(await run('', false)).toEqual({ files: 1, packages: 1, notes: ['parse-error'] });
    // A name that may copy a runtime map struct, a linkname, a map, a directive: parsed.
    expect(await run('import "unsafe"\ntype h struct{ tophash [8]uint8 }\nvar _ unsafe.Pointer\n')).toEqual({ files: 1, packages: 1, notes: ['parse-error'] });
    expect(await run('//go:linkname g runtime.g\nfunc g()\n')).toEqual({ files: 1, packages: 1, notes: ['parse-error'] });
    expect(await run('var m = map[string]int{}\nfunc put() { mu.Lock(); m["a"] = 1; mu.Unlock() }\n')).toEqual({ files: 1, packages: 1, notes: ['parse-error'] });
    expect(await run('//mapsafe:ignore\nvar y = 1\n')).toEqual({ files: 1, packages: 1, notes: ['parse-error'] });
  });

  it('decides on the text alone, before the parse, what analyzeDirectory decides (the scan takes that step on its main thread)', async () => {
    const texts = (extra: string) => [{ path: '/p/a.go', text: `package p\n\nimport "sync"\n\nvar mu sync.Mutex\nvar z = 1 +;\n${extra}\nfunc f() {\n\tmu.Lock()\n\tmu.Unlock()\n}\n` }];
    // Nothing to parse: the result is ready, and is analyzeDirectory's.
    const none = prepareDirectory('/p', texts(''), allRules);
    expect(none.unparsed).toEqual(await analyzeDirectory('/p', texts(''), allRules, null));
    expect(none.unparsed).toMatchObject({ files: 1, packages: 1, diagnostics: [], notifications: [] });
    // Something to parse (the demo package): no result, and the relevance handed on gives analyzeDirectory's own result.
    const demo = goFilesUnder(path.join(testdataDir, 'demo')).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
    const some = prepareDirectory(path.dirname(demo[0]!.path), demo, allRules);
    expect(some.unparsed).toBeNull();
    expect([...some.relevance.values()].some((r) => r.keepsBody)).toBe(true);
    const own = await analyzeDirectory(path.dirname(demo[0]!.path), demo, allRules, null);
    expect(own.diagnostics.length).toBe(6);
    expect(await analyzeDirectory(path.dirname(demo[0]!.path), demo, allRules, null, { relevance: some.relevance })).toEqual(own);
    // Without skipping, nothing is left out and the directory is always parsed.
    const full = prepareDirectory('/p', texts(''), allRules, { skipBodies: false });
    expect(full.unparsed).toBeNull();
    expect(full.relevance.size).toBe(0);
  });

  it('parses the bodies that name a map for the map-memory rules only where a file may reach map memory', async () => {
    // A syntax error inside the body of f is seen only when that body is parsed.
    const notes = async (use: string) => (await analyzeDirectory('/p', [{ path: '/p/a.go', text: `package p\n\nimport "reflect"\n\nvar t = reflect.TypeOf(0)\n\nfunc f(m map[string]int) uintptr {\n\tx := 1 +;\n\treturn ${use}\n}\n` }], allRules, null)).notifications.map((n) => n.kind);
    expect(await notes('0')).toEqual([]);
    expect(await notes('reflect.ValueOf(m).Pointer()')).toEqual(['parse-error']);
  });

  it('leaves out the text of a long string outside functions, and keeps the literal', async () => {
    const big = 'PK\\x03\\x04'.repeat(600);
    const text = `package p\n\nimport "sync"\n\nvar mu sync.Mutex\n\nconst data = "${big}"\n\nvar short = "abc"\n\nvar m = map[string]int{}\n\nfunc f() string { mu.Lock(); defer mu.Unlock(); m["a"] = 1; return "${big}" }\n`;
    const rel = bodyRelevance([{ path: '/p/a.go', text }]).get('/p/a.go')!;
    const at = text.indexOf(big);
    expect(rel.skip).toEqual([[at, at + big.length]]);
    // Parsed so, the tree has the literal, empty, and no error.
    const tree = (await getParser('go')).parse(text, null, { includedRanges: includedRanges(text, rel.skip) })!;
    try {
      expect(tree.rootNode.hasError).toBe(false);
      const lit = tree.rootNode.descendantForIndex(at - 1, at)!.parent!;
      expect([lit.type, lit.startIndex, lit.endIndex, lit.namedChildCount]).toEqual(['interpreted_string_literal', at - 1, at + big.length + 1, 0]);
    } finally {
      tree.delete();
    }
    const r = await analyzeDirectory('/p', [{ path: '/p/a.go', text }], allRules, null);
    expect(r.notifications).toEqual([]);
  });

  it('leaves a file that does not lex cleanly to the full parse', () => {
    const rel = bodyRelevance([{ path: '/p/bad.go', text: 'package p\n\nfunc f() { s := `unterminated\n}\n' }]);
    expect(rel.has('/p/bad.go')).toBe(false);
  });

  it('gives the same results with and without leaving bodies out, on every fixture with the map-memory rules alone', async () => {
    const files = goFilesUnder(testdataDir);
    const rules = allRules.filter((r) => r.bodies === 'maps');
    expect(rules.map((r) => r.id).sort()).toEqual(['cgo-hmap-offset', 'unsafe-map-cast']);
    const skipping = await scanFiles(files, { rules, jobs: 1 });
    const full = await scanFiles(files, { rules, jobs: 1, skipBodies: false, skipByTriggers: false });
    expect(full.diagnostics.length).toBeGreaterThan(20);
    expect(plain(skipping)).toBe(plain(full));
  });

  it('gives the same results with and without leaving bodies out, on every fixture with every rule', async () => {
    const files = goFilesUnder(testdataDir);
    const skipping = await scanFiles(files, { rules: allRules, jobs: 1 });
    const full = await scanFiles(files, { rules: allRules, jobs: 1, skipBodies: false, skipByTriggers: false });
    expect(full.diagnostics.length).toBeGreaterThan(50);
    expect(plain(skipping)).toBe(plain(full));
  });

  // The standard library: 4,900 files of real Go, every package shape; both skips at once
  // (text triggers and bodies) against the whole analysis. Needs golang-1.23-src, which
  // .ci/run installs; with CI=true its absence fails the run.
  const GOROOT_SRC = process.env.MAPSAFE_GOROOT_SRC ?? '/usr/share/go-1.23/src';
  const haveStd = existsSync(GOROOT_SRC);
  it.runIf(haveStd || process.env.CI === 'true')('gives the same results with and without skipping, on the Go standard library', async () => {
    expect(haveStd, `${GOROOT_SRC} is missing: install golang-1.23-src`).toBe(true);
    const found = await discover([`${GOROOT_SRC}/...`], { cwd: GOROOT_SRC, includeTests: true });
    expect(found.files.length).toBeGreaterThan(4000);
    const skipping = await scanFiles(found.files, { rules: allRules, jobs: 2 });
    const full = await scanFiles(found.files, { rules: allRules, jobs: 2, skipBodies: false, skipByTriggers: false });
    expect(plain(skipping)).toBe(plain(full));
  }, 600_000);
});
