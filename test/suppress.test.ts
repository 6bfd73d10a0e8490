// Suppression directives: parsing, placement, and the command line's handling of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostic.js';
import { applySuppressions, parseDirectives, type Directive } from '../src/suppress.js';
import { packageRoot } from '../src/version.js';

const bin = join(packageRoot, 'bin', 'mapsafe.js');
let tmp: string;
beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'mapsafe-suppress-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [bin, '--no-cache', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cast = (extra: { before?: string; end?: string; file?: string }) => `package p
${extra.file ?? ''}
import "unsafe"

type header struct{ count int }

func Count(m map[string]int) int {
${extra.before ?? ''}
	h := (*header)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))${extra.end ?? ''}
	return h.count
}
`;

function project(name: string, text: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.go'), text);
  return dir;
}

const diag = (ruleId: string, line: number, file = '/x/a.go'): Diagnostic => ({
  ruleId,
  severity: 'error',
  message: `${ruleId} at ${line}`,
  location: { file, range: { start: { line, column: 1 }, end: { line, column: 2 }, startIndex: 0, endIndex: 0 } },
  related: [],
  fixes: [],
});

describe('parseDirectives', () => {
  it('reads rules, reason and placement', () => {
    const ds = parseDirectives(
      [
        'package p', // 0
        '//mapsafe:ignore a,b the reason // not part of it', // 1
        'x := 1 //mapsafe:ignore c why', // 2
        '//mapsafe:file-ignore d generated code', // 3
        'y := 2 //nolint:errcheck,mapsafe // golangci style', // 4
        '//nolint', // 5
        '//nolint:errcheck', // 6
        '//mapsafe:ignore e', // 7
      ].join('\n'),
    );
    const brief = (d: Directive) => ({ kind: d.kind, rules: d.rules, reason: d.reason, lines: d.lines });
    expect(ds.map(brief)).toEqual([
      { kind: 'ignore', rules: ['a', 'b'], reason: 'the reason', lines: [1, 2] },
      { kind: 'ignore', rules: ['c'], reason: 'why', lines: [2] },
      { kind: 'file-ignore', rules: ['d'], reason: 'generated code', lines: [3, 4] },
      { kind: 'nolint', rules: ['errcheck', 'mapsafe'], reason: '', lines: [4] },
      { kind: 'nolint', rules: [], reason: '', lines: [5, 6] },
      { kind: 'nolint', rules: ['errcheck'], reason: '', lines: [6, 7] },
      { kind: 'ignore', rules: ['e'], reason: '', lines: [7, 8] },
    ]);
    expect(ds[1]!.range.start).toEqual({ line: 2, column: 7 });
    expect(ds[1]!.range.end).toEqual({ line: 2, column: 29 });
  });

  it('ignores directives in strings and finds them at the end of C lines in a cgo preamble', () => {
    const ds = parseDirectives(
      [
        'package p',
        '/*',
        'int f(void *p) { return ((int *)p)[1]; } //mapsafe:ignore cgo-hmap-offset our own struct',
        '//mapsafe:ignore cgo-hmap-offset next C line */',
        'import "C"',
        'var s = "//mapsafe:ignore x y" + `//nolint`',
        "var r = '/'",
      ].join('\n'),
    );
    expect(ds.map((d) => [d.rules, d.reason, d.lines])).toEqual([
      [['cgo-hmap-offset'], 'our own struct', [2]],
      [['cgo-hmap-offset'], 'next C line', [3, 4]],
    ]);
  });
});

describe('applySuppressions', () => {
  const opts = { ranRules: new Set(['a', 'b', 'mapsafe-directive']), knownRules: new Set(['a', 'b', 'c', 'mapsafe-directive']), reportUnused: true };
  it('suppresses on the directive line and the next, by rule, and keeps the justification', () => {
    const ds = new Map([['/x/a.go', parseDirectives('package p\n//mapsafe:ignore a reason one\nx\n//nolint:mapsafe\nz\n')]]);
    const r = applySuppressions([diag('a', 2), diag('b', 2), diag('a', 5), diag('b', 4)], ds, opts);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['b at 2', 'a at 5']);
    expect(r.suppressed.map((s) => [s.diagnostic.message, s.justification])).toEqual([
      ['a at 2', 'reason one'],
      ['b at 4', ''],
    ]);
  });

  it('reports unused and unknown-rule directives, not malformed ones (the rule does) nor those of rules that did not run', () => {
    const text = 'package p\n//mapsafe:ignore a unused\n//mapsafe:ignore zzz typo\n//mapsafe:ignore a\n//mapsafe:file-ignore c not run\n';
    const r = applySuppressions([], new Map([['/x/a.go', parseDirectives(text)]]), opts);
    expect(r.diagnostics.map((d) => [d.ruleId, d.location.range.start.line, d.message])).toEqual([
      ['mapsafe-directive', 1, 'directive //mapsafe:ignore a suppresses nothing; remove it'],
      ['mapsafe-directive', 2, 'directive //mapsafe:ignore names unknown rule "zzz" (see mapsafe --list-rules)'],
    ]);
    expect(applySuppressions([], new Map([['/x/a.go', parseDirectives(text)]]), { ...opts, reportUnused: false }).diagnostics).toEqual([]);
  });

  it('file-ignore covers the whole file', () => {
    const ds = new Map([['/x/a.go', parseDirectives('package p\n//mapsafe:file-ignore a generated\n')]]);
    expect(applySuppressions([diag('a', 40), diag('a', 2, '/x/b.go')], ds, opts).diagnostics.map((d) => d.location.file)).toEqual(['/x/b.go']);
  });
});

describe('mapsafe with directives', { timeout: 60_000 }, () => {
  const enable = ['--enable', 'unsafe-map-cast,mapsafe-directive'];

  it('reports the finding without a directive', () => {
    project('plain', cast({}));
    expect(run([...enable, 'plain']).stdout).toMatch(/^plain\/a\.go:9:\d+: .*\[unsafe-map-cast\]$/m);
  });

  it('honours a directive on the line before, at the end of the line, for the file, and nolint', () => {
    for (const [name, text] of [
      ['before', cast({ before: '\t//mapsafe:ignore unsafe-map-cast this package owns the map layout test' })],
      ['end', cast({ end: ' //mapsafe:ignore unsafe-map-cast layout test' })],
      ['file', cast({ file: '//mapsafe:file-ignore unsafe-map-cast layout tests live here' })],
      ['nolint', cast({ end: ' //nolint:gosec,mapsafe // layout test' })],
      ['bare', cast({ before: '\t//nolint' })],
    ] as const) {
      project(name, text);
      expect(run([...enable, name]), name).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('--show-suppressed prints suppressed findings, exit code unchanged; sarif --include-suppressed marks them', () => {
    project('shown', cast({ end: ' //mapsafe:ignore unsafe-map-cast layout test' }));
    const r = run([...enable, '--show-suppressed', 'shown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[unsafe-map-cast]');
    const sarif = JSON.parse(run([...enable, '--format', 'sarif', '--include-suppressed', 'shown']).stdout);
    expect(sarif.runs[0].results.map((x: { suppressions: unknown }) => x.suppressions)).toEqual([[{ kind: 'inSource', justification: 'layout test' }]]);
    expect(JSON.parse(run([...enable, '--format', 'sarif', 'shown']).stdout).runs[0].results).toEqual([]);
  });

  it('reports malformed, unknown and unused directives as mapsafe-directive warnings, and still the finding', () => {
    project('bad', cast({ end: ' //mapsafe:ignore unsafe-map-cast', before: '\t//mapsafe:ignore unsafe-map-kast typo here' }));
    const r = run([...enable, 'bad']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\/a\.go:8:2: directive \/\/mapsafe:ignore names unknown rule "unsafe-map-kast" .*\[mapsafe-directive\]$/m);
    expect(r.stdout).toMatch(/^bad\/a\.go:9:\d+: directive \/\/mapsafe:ignore unsafe-map-cast needs a reason .*\[mapsafe-directive\]$/m);
    expect(r.stdout).toMatch(/^bad\/a\.go:9:\d+: .*\[unsafe-map-cast\]$/m);
    project('unused', `package p\n\n//mapsafe:ignore unsafe-map-cast nothing here\nvar x = 1\n`);
    expect(run([...enable, 'unused']).stdout).toBe('unused/a.go:3:1: directive //mapsafe:ignore unsafe-map-cast suppresses nothing; remove it [mapsafe-directive]\n');
    expect(run(['--enable', 'unsafe-map-cast', 'unused']).code).toBe(0);
  });
});
