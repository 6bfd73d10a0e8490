// Hostile input: every kind of bad file, alone or mixed with ordinary files in one scan,
// gives at most one clear line on stderr and one notification for the file concerned,
// while the other files are analysed as usual; exit codes stay 0 or 1, never a stack trace.
// Plus the linear-time check of the regular expressions applied to scanned text.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { MAX_SYNTAX_DEPTH } from '../src/analyze.js';
import { defaultImportName } from '../src/package.js';
import { isIgnoredBuild, scanFiles } from '../src/scan.js';
import { CONCURRENCY_TRIGGER, UNSAFE_TRIGGER } from '../src/triggers.js';

const bin = join(import.meta.dirname, '..', 'bin', 'mapsafe.js');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mapsafe-hostile-'));
  mkdirSync(join(tmp, '.git')); // keep enclosing .gitignore files out
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [bin, '--no-cache', ...args], { cwd, encoding: 'utf8', env: { ...process.env, MAPSAFE_DEBUG: '' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(path: string, text: string | Buffer): string {
  const p = join(tmp, path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** A file with one finding at a known place: line 8, column 29 (s.m[k] = 2). */
const ok = (pkg = 'p') => `package ${pkg}

import "sync"

type S struct { mu sync.Mutex; m map[string]int }

func (s *S) Set(k string) { s.mu.Lock(); s.m[k] = 1; s.mu.Unlock() }
func (s *S) Bad(k string) { s.m[k] = 2 }
`;
const okFinding = /ok\.go:8:29: write to map s\.m without holding s\.mu/;

const racy = (name: string) => `func ${name}() {
	m := map[int]int{}
	go func() { m[1] = 1 }()
	m[2] = 2
}
`;

function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** A function body nested n blocks deep; it writes a map, so the parse cannot leave it out (src/relevance.ts). */
function nestedBlocks(n: number): string {
  return `package p\n\nvar m = map[int]int{}\n\nfunc deep() {\n${'{'.repeat(n)}\nm[1] = 1\n${'}'.repeat(n)}\n}\n`;
}

function json(stdout: string) {
  return JSON.parse(stdout) as {
    diagnostics: Array<{ ruleId: string; location: { path: string; startLine: number; startColumn: number } }>;
    notifications: Array<{ kind: string; path: string; message: string }>;
  };
}

/** Every stderr line is one `mapsafe: ` line; no stack frames; no file has two. */
function expectCleanStderr(stderr: string) {
  const lines = stderr.split('\n').filter((l) => l !== '');
  for (const l of lines) expect(l).toMatch(/^mapsafe: \S/);
  expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n|RangeError|TypeError|internal error/);
  const files = lines.map((l) => /^mapsafe: ([^:]+)/.exec(l)?.[1]);
  expect(new Set(files).size).toBe(files.length);
}

describe('one scan mixing every kind of bad input with ordinary files', () => {
  let result: ReturnType<typeof run>;
  const cases: Record<string, string | Buffer> = {
    'random/x.go': randomBytes(64 * 1024, 7),
    'nopackage/x.go': 'func f() {}\n',
    'empty/x.go': '',
    'syntax/x.go': 'package p\n\nfunc broken( {\n',
    'bom/x.go': '\ufeffpackage p\n',
    'crlf/x.go': 'package p\r\n\r\nvar x = 1\r\n',
    'utf8/x.go': Buffer.concat([Buffer.from('package p\n\n// bad: '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\nvar y = 1\n')]),
    'longline/x.go': `package p\n\nvar s = "${'a'.repeat(1 << 20)}"\n`,
    'parens/x.go': `package p\n\nvar x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`,
    'blocks/x.go': nestedBlocks(5000),
    'big/x.go': `package p\n\n${Array.from({ length: 60_000 }, (_, i) => `var v${i} = map[string]int{"k": ${i}}`).join('\n')}\n`,
    'spaces and ünïcödé/x.go': 'package p\n',
  };
  const dirs = Object.keys(cases).map((k) => dirname(k));

  beforeAll(() => {
    for (const [path, text] of Object.entries(cases)) {
      write(`mixed/${path}`, text);
      write(`mixed/${dirname(path)}/ok.go`, ok());
    }
    // Unreadable entries: a broken symlink, a symlink loop, a symlink to a directory, a FIFO.
    write('mixed/links/ok.go', ok());
    symlinkSync(join(tmp, 'mixed', 'links', 'nowhere.go'), join(tmp, 'mixed', 'links', 'broken.go'));
    symlinkSync('loop.go', join(tmp, 'mixed', 'links', 'loop.go'));
    symlinkSync(join(tmp, 'mixed', 'bom'), join(tmp, 'mixed', 'links', 'dir.go'));
    // A directory named x.go is a directory: walked, not read.
    write('mixed/dirgo/x.go/ok.go', ok());
    // A symlink out of the scanned tree is not followed.
    write('outside/secret.go', `package p\n\n${racy('secret')}`);
    symlinkSync(join(tmp, 'outside', 'secret.go'), join(tmp, 'mixed', 'links', 'out.go'));
    if (process.platform !== 'win32') spawnSync('mkfifo', [join(tmp, 'mixed', 'links', 'fifo.go')]);
    result = run(['--format', 'json', 'mixed/...']);
  }, 180_000);

  it('exits 1 with the ordinary findings of every directory', () => {
    expect(result.code).toBe(1);
    const paths = json(result.stdout).diagnostics.map((d) => `${d.location.path}:${d.location.startLine}:${d.location.startColumn}`);
    for (const d of [...dirs, 'links', 'dirgo/x.go']) expect(paths).toContain(`mixed/${d}/ok.go:8:29`);
    expect(paths.some((p) => p.includes('secret'))).toBe(false);
  });

  it('says what is wrong in one line per bad file, without stack traces', () => {
    expectCleanStderr(result.stderr);
    const notes = json(result.stdout).notifications;
    const byPath = new Map(notes.map((n) => [n.path, n]));
    expect(notes.length).toBe(byPath.size);
    const msg = (p: string) => byPath.get(`mixed/${p}`)?.message ?? '';
    expect(msg('random/x.go')).toMatch(/no package clause|invalid UTF-8/);
    expect(msg('nopackage/x.go')).toMatch(/no package clause/);
    expect(msg('empty/x.go')).toMatch(/no package clause/);
    expect(msg('syntax/x.go')).toMatch(/^syntax error at 3:/);
    expect(msg('utf8/x.go')).toMatch(/invalid UTF-8/);
    expect(msg('parens/x.go')).toMatch(new RegExp(`nested more than ${MAX_SYNTAX_DEPTH} levels deep; file skipped`));
    expect(msg('blocks/x.go')).toMatch(/nested more than/);
    expect(msg('links/broken.go')).toMatch(/cannot read file: no such file/);
    expect(msg('links/loop.go')).toMatch(/cannot read file: too many levels of symbolic links/);
    expect(msg('links/dir.go')).toMatch(/cannot read file: is a directory/);
    expect(msg('links/out.go')).toMatch(/outside the scanned tree: not followed/);
    if (process.platform !== 'win32') expect(msg('links/fifo.go')).toBe('');
    for (const quiet of ['bom/x.go', 'crlf/x.go', 'longline/x.go', 'big/x.go', 'spaces and ünïcödé/x.go']) expect(byPath.has(`mixed/${quiet}`)).toBe(false);
  });

  it('the same scan in text format prints the same lines on stderr', () => {
    const text = run(['mixed/...']);
    expect(text.code).toBe(1);
    expectCleanStderr(text.stderr);
    expect(text.stderr).toBe(result.stderr);
    expect(text.stdout).toMatch(okFinding);
  }, 180_000);
});

describe('files one at a time', () => {
  it('a FIFO named on the command line is reported, not read (no hang)', () => {
    if (process.platform === 'win32') return;
    write('fifo/ok.go', ok());
    spawnSync('mkfifo', [join(tmp, 'fifo', 'pipe.go')]);
    const r = run(['fifo/pipe.go']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('mapsafe: fifo/pipe.go: cannot read file: not a regular file\n');
  }, 60_000);

  it('a syntax error hides findings in its own function only', () => {
    write('partial/a.go', `package p\n\n${racy('good')}\nfunc bad() {\n\tm := map[int]int{}\n\tgo func() { m[1] = 1 }()\n\tm[2] = 2 +\n}\n\n${racy('alsoGood')}`);
    const r = run(['--format', 'json', 'partial']);
    expect(r.code).toBe(1);
    const lines = json(r.stdout).diagnostics.map((d) => d.location.startLine);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l < 9 || l > 14)).toBe(true);
    expect(lines.some((l) => l > 14)).toBe(true);
    expect(r.stderr).toMatch(/^mapsafe: partial\/a\.go:12:\d+: syntax error at 12:\d+; findings in declarations with errors are not reported\n$/);
  }, 60_000);

  it('CRLF line endings and a BOM keep lines and columns', () => {
    const text = `package p\n\n${racy('f')}`;
    write('eol/lf/a.go', text);
    write('eol/crlf/a.go', text.replace(/\n/g, '\r\n'));
    write('eol/bom/a.go', `\ufeff${text}`);
    const where = (dir: string) => json(run(['--format', 'json', `eol/${dir}`]).stdout).diagnostics.map((d) => `${d.location.startLine}:${d.location.startColumn}`);
    const lf = where('lf');
    expect(lf.length).toBeGreaterThan(0);
    expect(where('crlf')).toEqual(lf);
    expect(where('bom')).toEqual(lf);
  }, 60_000);

  it('--max-file-size skips larger files with a notification; a bad value is a usage error', () => {
    write('size/ok.go', ok());
    write('size/big.go', `package p\n\nvar s = "${'x'.repeat(5000)}"\n`);
    const r = run(['--max-file-size', '1000', 'size']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mapsafe: size\/big\.go: file is \d+ bytes, over the limit of 1000 \(--max-file-size\); file skipped\n$/);
    const bad = run(['--max-file-size', 'lots', 'size']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mapsafe: [^\n]*max-file-size[^\n]*\n$/);
  }, 60_000);

  it('a missing path is a usage error (exit 2, one line)', () => {
    const r = run(['no/such/dir/...']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mapsafe: [^\n]+\n$/);
  }, 60_000);
});

describe('scanFiles in-process (main-thread stack)', () => {
  it('a file deleted during the scan is one read error; the rest is analysed', async () => {
    const a = write('gone/ok.go', ok());
    const r = await scanFiles([a, join(tmp, 'gone', 'deleted.go')], { rules: allRules, jobs: 1 });
    expect(r.notifications).toEqual([{ kind: 'read-error', file: join(tmp, 'gone', 'deleted.go'), message: expect.stringMatching(/no such file/) }]);
    expect(r.diagnostics.length).toBe(1);
  });

  it('nesting just under the bound is analysed without overflowing the stack', async () => {
    // Each level of braces is two tree levels (block, statement_list).
    const p = write('deep/a.go', `package p\n\nfunc f() {\n\tm := map[int]int{}\n\tgo func() { m[1] = 1 }()\n${'{'.repeat(MAX_SYNTAX_DEPTH / 2 - 10)}m[2] = 2${'}'.repeat(MAX_SYNTAX_DEPTH / 2 - 10)}\n}\n`);
    const chains = write('deep/b.go', `package p\n\nvar x = 1${' + 1'.repeat(900)}\nvar y = ${'-'.repeat(900)}1\nvar z = ${'('.repeat(900)}1${')'.repeat(900)}\n`);
    const r = await scanFiles([p, chains], { rules: allRules, jobs: 1 });
    expect(r.notifications).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  }, 60_000);

  it('initializer chains 5,000 long (var v1 = v0; v2 := v1; ...) do not overflow the stack', async () => {
    const n = 5000;
    const vars = write('chains/vars.go', `package p\n\nvar v0 = map[int]int{}\n${Array.from({ length: n }, (_, i) => `var v${i + 1} = v${i}`).join('\n')}\n\nfunc f() {\n\tgo func() { v${n}[1] = 1 }()\n\tv${n}[2] = 2\n}\n`);
    const locals = write('chains/locals.go', `package p\n\nfunc g() {\n\tw0 := map[int]int{}\n${Array.from({ length: n }, (_, i) => `\tw${i + 1} := w${i}`).join('\n')}\n\tgo func() { w${n}[1] = 1 }()\n\tw${n}[2] = 2\n}\n`);
    const r = await scanFiles([vars, locals], { rules: allRules, jobs: 1 });
    expect(r.notifications).toEqual([]);
  }, 60_000);

  // Callee lock summaries nest inside the caller's walk; the nesting is bounded (program.ts).
  it('a 5,000-deep call chain does not overflow the stack, and the race at its end is found', async () => {
    const n = 5000;
    const p = write('chains/calls.go', `package p\n\nvar m = map[int]int{}\n${Array.from({ length: n }, (_, i) => `func f${i}() { f${i + 1}() }`).join('\n')}\nfunc f${n}() { m[1] = 1 }\nfunc main() { go f0(); f0() }\n`);
    const r = await scanFiles([p], { rules: allRules, jobs: 1 });
    expect(r.notifications).toEqual([]);
    expect(r.diagnostics.map((d) => d.ruleId)).toContain('unguarded-map-write');
  }, 60_000);

  it('a 3 MB generated file is analysed', async () => {
    const body = Array.from({ length: 64_000 }, (_, i) => `func f${i}(m map[int]int) { m[${i}] = ${i} }`).join('\n');
    expect(body.length).toBeGreaterThan(3_000_000);
    const p = write('gen/big.go', `package p\n\nimport "sync"\n\nvar mu sync.Mutex\n\n${body}\n`);
    const r = await scanFiles([p], { rules: allRules, jobs: 1 });
    expect(r.notifications).toEqual([]);
    expect(r.files).toBe(1);
  }, 120_000);
});

describe('regular expressions applied to scanned text run in linear time', () => {
  const n = 100_000;
  const adversarial = [
    'go'.repeat(n),
    ' '.repeat(n),
    'func ('.repeat(n / 6) + 'x',
    `func ${' '.repeat(n)}(${'x'.repeat(n)}`,
    'make '.repeat(n / 5),
    `//go:build ${' '.repeat(n)}`,
    `package ${'\t'.repeat(n)}`,
    '.'.repeat(n) + '\n',
    '"C'.repeat(n / 2),
    `\`${'\n'.repeat(n)}`,
  ];
  const timed = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };

  it('triggers, build constraints and the package-clause fallback', () => {
    for (const s of adversarial) {
      expect(timed(() => CONCURRENCY_TRIGGER.test(s))).toBeLessThan(200);
      expect(timed(() => UNSAFE_TRIGGER.test(s))).toBeLessThan(200);
      expect(timed(() => isIgnoredBuild(s))).toBeLessThan(200);
      expect(timed(() => /^package\s+(\w+)/m.exec(s))).toBeLessThan(200);
      expect(timed(() => defaultImportName(s))).toBeLessThan(200);
    }
    expect(isIgnoredBuild('// +build ignore\n// generator template\n\npackage p\n')).toBe(true);
    expect(isIgnoredBuild('//go:build linux\n// +build ignore\n\npackage p\n')).toBe(false);
    expect(defaultImportName('gopkg.in/yaml.v3')).toBe('yaml');
    expect(defaultImportName('github.com/x/go-foo-bar')).toBe('foo');
  });

  it('whole-file analysis of adversarial text (the new/make tolerance test, import paths)', async () => {
    const texts = [
      `package p\n\nimport "sync"\n\n${'func ('.repeat(20_000)}\n`,
      `package p\n\nimport \`a${'.'.repeat(50_000)}\nb\`\n\nvar mu sync.Mutex\n`,
      `package p\n\nimport "sync"\n\nfunc new${' '.repeat(50_000)}() {}\n`,
    ];
    const files = texts.map((t, i) => write(`regex/${i}/a.go`, t));
    for (const f of files) {
      const t0 = performance.now();
      const r = await scanFiles([f], { rules: allRules, jobs: 1 });
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(r.notifications.filter((x) => x.kind === 'rule-error')).toEqual([]);
    }
  }, 60_000);
});

describe('security: the analyzer neither runs nor fetches what it scans', () => {
  const repo = join(import.meta.dirname, '..');
  const sources = ['src', 'rules'].flatMap((d) =>
    readdirSync(join(repo, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(d, f)),
  );

  it('no module imports networking, vm or eval; only git runs as a child process (for --new-from-rev)', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const f of sources) {
      const text = readFileSync(join(repo, f), 'utf8');
      const modules = [...text.matchAll(/from '(node:[a-z_/]+|http|https|net|tls|dgram|dns|vm|child_process)'/g)].map((m) => m[1]);
      for (const m of modules) expect(`${f}: ${m}`).toMatch(/: node:(buffer|crypto|fs|fs\/promises|module|os|path|url|worker_threads|child_process)$/);
      if (modules.includes('node:child_process')) expect(f.replace(/\\/g, '/')).toBe('src/newcode.ts');
      expect(`${f}: ${/(?<![.\w])eval\((?!\w+: )|new Function\(|\bimport\((?!['"])/.exec(text)?.[0] ?? ''}`).toBe(`${f}: `);
    }
  });
});
