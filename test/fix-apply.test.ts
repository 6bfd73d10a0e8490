// Applying fixes: planFixes/writeChanges directly, and the CLI's --fix and --diff on
// temporary copies of a fixture (atomic writes, modes, CRLF, symlinks, files changed
// since the scan, results that would not parse, a second run that changes nothing).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Fix } from '../src/diagnostic.js';
import { chosenFixes, planFixes, syntaxErrors, unifiedDiff, writeChanges } from '../src/apply.js';
import { testdataDir } from './harness.js';

const root = path.join(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'mapsafe.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'mapsafe-fix-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MAPSAFE_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let n = 0;
/** A copy of a fixture case as its own module. */
function copyCase(rel: string, transform: (t: string) => string = (t) => t): string {
  const dir = path.join(tmp, `case${n++}`);
  const src = path.join(testdataDir, rel);
  spawnSync('mkdir', ['-p', dir]);
  for (const f of readdirSync(src)) if (f.endsWith('.go')) writeFileSync(path.join(dir, f), transform(readFileSync(path.join(src, f), 'utf8')));
  copyFileSync(path.join(testdataDir, 'go.mod'), path.join(dir, 'go.mod'));
  return dir;
}

const diag = (file: string, fixes: Fix[]): Diagnostic => ({
  ruleId: 'r', severity: 'error', message: 'm', related: [], fixes,
  location: { file, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 }, startIndex: 0, endIndex: 1 } },
});

describe('planFixes', () => {
  const file = '/virtual/a.go';
  const text = 'package a\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n';
  const at = (i: number, s: string, title = 't') => ({ title, safe: true, edits: [{ file, startIndex: i, endIndex: i, newText: s }] });

  it('takes the first safe fix of each diagnostic, identical fixes once, and skips overlapping ones with a message', async () => {
    const i = text.indexOf('\t_ = x');
    const a = at(i, '\t_ = 2\n', 'A');
    const b = at(i, '\t_ = 3\n', 'B');
    const unsafe = { ...at(i, 'junk', 'U'), safe: false };
    const plan = await planFixes([diag(file, [unsafe, a]), diag(file, [a]), diag(file, [b])], () => text, '/virtual');
    expect(chosenFixes([diag(file, [unsafe, a]), diag(file, [a])]).length).toBe(1);
    expect(plan.changes[0]!.after).toBe(text.replace('\t_ = x', '\t_ = 2\n\t_ = x'));
    expect(plan.messages).toEqual([expect.stringMatching(/fix "B" skipped: it conflicts with another fix/)]);
  });

  it('leaves a file untouched when the result would not parse', async () => {
    const plan = await planFixes([diag(file, [at(text.indexOf('}'), '{{')])], () => text, '/virtual');
    expect(plan.changes).toEqual([]);
    expect(plan.messages.join('\n')).toMatch(/a\.go: fixes not applied: the result would not parse/);
    expect(await syntaxErrors('package a\nfunc f() {')).toBeGreaterThan(0);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const plan = await planFixes([diag(file, [at(crlf.indexOf('\t_ = x'), '\tx++\n')])], () => crlf, '/virtual');
    expect(plan.changes[0]!.after).toBe(crlf.replace('\t_ = x', '\tx++\r\n\t_ = x'));
  });

  it('prints a unified diff with a/ and b/ paths', () => {
    const d = unifiedDiff([{ file: '/virtual/a.go', before: 'a\nb\n', after: 'a\nc\n' }], '/virtual');
    expect(d).toBe('--- a/a.go\n+++ b/a.go\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
  });
});

describe('writeChanges', () => {
  it('writes atomically, keeps the mode, refuses symlinks and files changed since the scan', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const f = path.join(dir, 'a.go');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    const link = path.join(dir, 'l.go');
    symlinkSync(f, link);
    const changed = path.join(dir, 'c.go');
    writeFileSync(changed, 'edited meanwhile');
    const r = writeChanges([
      { file: f, before: 'old', after: 'new' },
      { file: link, before: 'old', after: 'new' },
      { file: changed, before: 'scanned', after: 'new' },
    ], dir);
    expect(r.written).toEqual([f]);
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readFileSync(changed, 'utf8')).toBe('edited meanwhile');
    expect(r.messages).toEqual(['l.go: not written: it is a symbolic link', 'c.go: not written: it changed since it was analysed']);
    expect(readdirSync(dir).sort()).toEqual(['a.go', 'c.go', 'l.go']);
  });
});

describe('mapsafe --fix and --diff', () => {
  it('--diff prints the fixes and writes nothing; --fix writes them, exits as for the fixed code, and a second run changes nothing', () => {
    const dir = copyCase('unguarded-map-write/struct_field_cleanup_method_unlocked');
    const before = readFileSync(path.join(dir, 'cleanup.go'), 'utf8');
    const d = run(['--diff', '.'], dir);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/^--- a\/cleanup\.go\n\+\+\+ b\/cleanup\.go\n/);
    expect(d.stdout).toContain('+\t\tdefer c.mu.Unlock()');
    expect(readFileSync(path.join(dir, 'cleanup.go'), 'utf8')).toBe(before);
    const f = run(['--fix', '.'], dir);
    expect(f.code).toBe(0);
    expect(f.stdout).toBe('');
    expect(f.stderr).toMatch(/fixed 1 file/);
    const golden = path.join(testdataDir, 'unguarded-map-write/struct_field_cleanup_method_unlocked/cleanup.go.golden');
    expect(readFileSync(path.join(dir, 'cleanup.go'), 'utf8')).toBe(readFileSync(golden, 'utf8'));
    const again = run(['--fix', '.'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('applies fixes that conflicted in a later round', () => {
    const dir = copyCase('unguarded-map-write/compound_assign_and_increment');
    const f = run(['--fix', '.'], dir);
    expect(f.code).toBe(0);
    const text = readFileSync(path.join(dir, 'main.go'), 'utf8');
    expect(text).toContain('bytesByHostMu.Lock()');
    expect(text).toContain('reqsByHostMu.Lock()');
  });

  it('keeps CRLF files CRLF', () => {
    const dir = copyCase('unguarded-map-read/len_method_without_lock', (t) => t.replace(/\n/g, '\r\n'));
    expect(run(['--fix', '.'], dir).code).toBe(0);
    const text = readFileSync(path.join(dir, 'main.go'), 'utf8');
    expect(text).toContain('\tq.mu.Lock()\r\n\tdefer q.mu.Unlock()\r\n\treturn len(q.pending)');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('does not write through a symbolic link', () => {
    const dir = copyCase('unguarded-map-read/len_method_without_lock');
    const real = path.join(dir, 'main.go.txt');
    copyFileSync(path.join(dir, 'main.go'), real);
    rmSync(path.join(dir, 'main.go'));
    symlinkSync(real, path.join(dir, 'main.go'));
    const before = readFileSync(real, 'utf8');
    const r = run(['--fix', '.'], dir);
    expect(r.stderr).toMatch(/main\.go: not written: it is a symbolic link/);
    expect(r.code).toBe(1);
    expect(readFileSync(real, 'utf8')).toBe(before);
  });
});
