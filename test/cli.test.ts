// Runs the built command (node bin/mapsafe.js, compiled by `npm test`'s tsc step) in
// temporary directories, as a user would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'mapsafe.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const hasCastRule = ['unsafe-map-cast', 'cgo-hmap-offset'].every((id) => allRules.some((r) => r.id === id));

let tmp: string;

function run(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MAPSAFE_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files under a fresh directory of tmp and returns its path. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** One line on stderr, "mapsafe: ...", nothing on stdout, no stack trace, exit 2. */
function expectUsageError(r: ReturnType<typeof run>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^mapsafe: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
}

const clean = `package clean

import "sync"

type Cache struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *Cache) Put(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}
`;

const cast = (pkgName: string, fn: string) => `package ${pkgName}

import "unsafe"

type hmap struct {
	count int
	flags uint8
	B     uint8
}

func ${fn}(m map[string]int) uint8 {
	h := (*hmap)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
	return h.B
}
`;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) {
    const b = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    if (b.status !== 0) throw new Error(`tsc failed:\n${b.stdout}${b.stderr}`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'mapsafe-cli-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mapsafe', () => {
  it('exits 0 and prints nothing on a clean package', () => {
    project('clean', { 'cache.go': clean, 'cache_test.go': 'package clean\n' });
    const r = run(['clean']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['./...'], join(tmp, 'clean'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.skipIf(!hasCastRule)('exits 1 and prints path:line:col: message [rule-id] on findings', () => {
    project('cast', { 'a.go': cast('cast', 'A'), 'b.go': cast('cast', 'B') });
    const r = run(['cast']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n').filter((l) => !l.startsWith('\t') && l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^cast\/[ab]\.go:\d+:\d+: .+ \[[a-z0-9-]+\]$/);
    expect(lines).toContainEqual(expect.stringMatching(/^cast\/a\.go:12:\d+: map m .+ \[unsafe-map-cast\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^cast\/b\.go:12:\d+: map m .+ \[unsafe-map-cast\]$/));
  });

  it.skipIf(!hasCastRule)('reports only the files named as arguments, scanning their package', () => {
    project('cast2', { 'a.go': cast('cast2', 'A'), 'b.go': cast('cast2', 'B') });
    const r = run(['cast2/b.go']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^cast2\/b\.go:12:\d+: .+ \[unsafe-map-cast\]$/m);
    for (const l of r.stdout.split('\n').filter((x) => x !== '')) expect(l).toMatch(/^\t?cast2\/b\.go:/);
  });

  it.skipIf(!hasCastRule)('--disable and --enable select the rules that run', () => {
    project('cast3', { 'a.go': cast('cast3', 'A') });
    const all = run(['cast3']).stdout;
    expect(all).toContain('[unsafe-map-cast]');
    expect(all).toContain('[cgo-hmap-offset]'); // the hmap mirror
    const without = run(['--disable', 'unsafe-map-cast', 'cast3']);
    expect(without.stdout).not.toContain('[unsafe-map-cast]');
    expect(without.stdout).toContain('[cgo-hmap-offset]');
    expect(run(['--disable', 'unsafe-map-cast', '--disable', 'cgo-hmap-offset', 'cast3'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['--disable', 'unsafe-map-cast,cgo-hmap-offset', 'cast3']).code).toBe(0);
    const only = run(['--enable', 'unsafe-map-cast', 'cast3']);
    expect(only.code).toBe(1);
    expect(only.stdout).not.toContain('[cgo-hmap-offset]');
    expect(run(['--enable', 'unsafe-map-cast,cgo-hmap-offset', '--disable', 'unsafe-map-cast', 'cast3']).stdout).not.toContain(
      '[unsafe-map-cast]',
    );
  });

  it.skipIf(allRules.length === 0 || !existsSync(join(root, 'testdata', 'demo')))(
    'finds what the README promises in testdata/demo (Quick start)',
    () => {
      const r = run(['testdata/demo'], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^testdata\/demo\/\S+\.go:\d+:\d+: .+ \[[a-z0-9-]+\]$/m);
    },
  );

  it('writes the json schema, version 1', () => {
    project('js', { 'a.go': hasCastRule ? cast('js', 'A') : clean.replace('package clean', 'package js') });
    const r = run(['--format', 'json', 'js']);
    expect(r.code).toBe(hasCastRule ? 1 : 0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['version', 'tool', 'diagnostics', 'notifications']);
    expect(doc.version).toBe(1);
    expect(doc.tool).toEqual({ name: 'mapsafe', version: pkg.version });
    expect(doc.notifications).toEqual([]);
    for (const d of doc.diagnostics) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'location', 'related', 'fixes']));
      expect(d.location).toEqual({
        path: 'js/a.go',
        startLine: expect.any(Number),
        startColumn: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
      });
      for (const f of d.fixes) for (const e of f.edits) expect(typeof e.startLine).toBe('number');
    }
  });

  it('--output writes the report to a file', () => {
    project('out', { 'a.go': clean });
    const r = run(['--format=json', '--output', 'report.json', 'out']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(tmp, 'report.json'), 'utf8')).version).toBe(1);
    expectUsageError(run(['--output', join(tmp, 'out'), 'out']), /^mapsafe: cannot write /);
  });

  it('reports an unreadable file on stderr and goes on', () => {
    const dir = project('unreadable', { 'a.go': hasCastRule ? cast('unreadable', 'A') : clean });
    symlinkSync(join(dir, 'missing-target.go'), join(dir, 'broken.go'));
    const r = run(['unreadable']);
    expect(r.stderr).toMatch(/^mapsafe: unreadable\/broken\.go: [^\n]+\n$/);
    expect(r.code).toBe(hasCastRule ? 1 : 0);
    if (hasCastRule) expect(r.stdout).toMatch(/^unreadable\/a\.go:/);
    const json = JSON.parse(run(['--format', 'json', 'unreadable']).stdout);
    expect(json.notifications).toEqual([{ kind: 'read-error', path: 'unreadable/broken.go', message: expect.any(String) }]);
  });

  it('is deterministic: two runs are byte-identical', () => {
    const files: Record<string, string> = {};
    for (const d of ['z', 'a', 'm/n', 'm']) {
      const name = d.replace('/', '');
      files[`${d}/x.go`] = hasCastRule ? cast(name, 'X') : clean.replace('package clean', `package ${name}`);
      files[`${d}/y.go`] = hasCastRule ? cast(name, 'Y') : `package ${name}\n`;
    }
    const dir = project('det', files);
    for (const format of ['text', 'json']) {
      const first = run(['--format', format, './...'], dir);
      const second = run(['--format', format, './...'], dir);
      expect(second).toEqual(first);
    }
  });

  it('applies the same suppressions on a warm run, whose directives come from the cache', () => {
    const racy = `package racy\n\nvar hits = map[string]int{}\n\nfunc Serve(k string) {\n\tgo func() { hits[k]++ }()\n\t//mapsafe:ignore unguarded-map-write,unguarded-map-read counted before serving\n\thits[k]++\n}\n`;
    // No rule can fire in package quiet: skipped unparsed, its unused directive still reported.
    const quiet = 'package quiet\n\n//mapsafe:ignore unguarded-map-write nothing here to suppress\nfunc F() {}\n';
    const dir = project('warm', { 'racy/a.go': racy, 'quiet/b.go': quiet });
    const cache = join(tmp, 'warm-cache');
    const args = ['--format', 'json', '--show-suppressed', '--cache-dir', cache, './...'];
    const cold = run(args, dir);
    const warm = run(args, dir);
    expect(warm).toEqual(cold);
    const messages = (JSON.parse(cold.stdout) as { diagnostics: Array<{ ruleId: string; message: string; location: { path: string } }> }).diagnostics.map((d) => `${d.location.path} ${d.ruleId} ${d.message}`);
    expect(messages.some((m) => m.startsWith('quiet/b.go mapsafe-directive') && m.includes('suppresses nothing'))).toBe(true);
    expect(messages.some((m) => m.startsWith('racy/a.go unguarded-map-write'))).toBe(true); // shown as suppressed
    const plainRun = run(['--format', 'json', '--cache-dir', cache, './...'], dir);
    const reported = (JSON.parse(plainRun.stdout) as { diagnostics: Array<{ ruleId: string; location: { path: string } }> }).diagnostics;
    expect(reported.filter((d) => d.ruleId !== 'mapsafe-directive').length).toBeLessThan(messages.filter((m) => !m.includes('mapsafe-directive')).length);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  });

  it('--list-rules prints id, severity and title of every rule', () => {
    const r = run(['--list-rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(allRules.map((rule) => rule.id));
    for (const [i, rule] of allRules.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^${rule.id}\\s+${rule.severity}\\s+`));
      expect(lines[i]!.endsWith(rule.title)).toBe(true);
    }
  });

  it.skipIf(allRules.length === 0)('--explain prints the rule doc', () => {
    const id = allRules[0]!.id;
    const r = run(['--explain', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'rules', `${id}.md`), 'utf8'));
  });

  it('--version and --help', () => {
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mapsafe \[options\] \[paths\.\.\.\]/);
    for (const flag of ['--format', '--output', '--enable', '--disable', '--no-tests', '--list-rules', '--explain', '--version']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('exits 2 with one line on usage errors', () => {
    project('ok', { 'a.go': clean });
    expectUsageError(run(['--bogus']), /unknown option '--bogus'/);
    expectUsageError(run(['--format', 'xml', 'ok']), /'xml' is invalid/);
    expectUsageError(run(['--format']), /argument missing/);
    expectUsageError(run(['--enable', 'no-such-rule', 'ok']), /unknown rule "no-such-rule"/);
    expectUsageError(run(['--disable', 'no-such-rule', 'ok']), /unknown rule "no-such-rule"/);
    expectUsageError(run(['--enable', ',', 'ok']), /--enable needs at least one rule id/);
    expectUsageError(run(['--explain', 'no-such-rule']), /unknown rule "no-such-rule"/);
    expectUsageError(run(['--explain', '../package']), /unknown rule/);
    expectUsageError(run(['does-not-exist']), /^mapsafe: does-not-exist: no such file or directory\n$/);
    expectUsageError(run(['ok', 'gone/...']), /gone\/\.\.\.: no such file or directory/);
  });

  it('finds its rules/ and wasm/ from its own location, not the cwd', () => {
    const elsewhere = project('elsewhere', { 'a.go': clean });
    expect(run(['.'], elsewhere)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
