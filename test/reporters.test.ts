import { describe, expect, it } from 'vitest';
import type { Diagnostic, Location, Notification } from '../src/diagnostic.js';
import { filesWithEdits, formatNotification, render, type ReportInput } from '../src/report/index.js';
import { positionAt } from '../src/report/common.js';
import { version } from '../src/version.js';

const cwd = '/proj';
// "é" and "😀" are 1 and 2 UTF-16 code units: columns count code units, not bytes or code
// points (the `m` after them is at UTF-16 column 20; go vet, counting bytes, would say 23).
const src = 'package p\n\nvar s = "é😀"; var m = map[string]int{}\nfunc f() { m["k"] = 1 }\n';

function loc(file: string, text: string, needle: string, message?: string): Location {
  const startIndex = text.indexOf(needle);
  const endIndex = startIndex + needle.length;
  const l: Location = {
    file,
    range: { start: positionAt(text, startIndex), end: positionAt(text, endIndex), startIndex, endIndex },
  };
  if (message) l.message = message;
  return l;
}

const write: Diagnostic = {
  ruleId: 'b-rule',
  severity: 'warning',
  message: 'map m is written in f',
  location: loc('/proj/pkg/a.go', src, 'm["k"] = 1'),
  related: [loc('/proj/pkg/a.go', src, 'm = map', 'declared here')],
  fixes: [
    {
      title: 'Guard the write with mu.Lock()',
      safe: false,
      edits: [{ file: '/proj/pkg/a.go', startIndex: src.indexOf('m["k"]'), endIndex: src.indexOf('m["k"]'), newText: 'mu.Lock(); ' }],
    },
  ],
};
const earlier: Diagnostic = {
  ruleId: 'a-rule',
  severity: 'error',
  message: 'map m is declared after an emoji',
  location: loc('/proj/pkg/a.go', src, 'm = map'),
  related: [],
  fixes: [],
};
const other: Diagnostic = { ...earlier, location: loc('/other/x.go', src, 'func') };
const notes: Notification[] = [
  { kind: 'rule-error', file: '/proj/z.go', message: 'boom', ruleId: 'b-rule' },
  { kind: 'read-error', file: '/proj/b.go', message: 'EISDIR: illegal operation on a directory' },
  { kind: 'parse-error', file: '/proj/b.go', message: 'syntax error', position: { line: 2, column: 4 } },
];

const input = (diagnostics: Diagnostic[], notifications: Notification[] = []): ReportInput => ({
  diagnostics,
  notifications,
  cwd,
  source: (f) => (f === '/proj/pkg/a.go' ? src : undefined),
});

describe('text reporter', () => {
  it('prints sorted greppable lines, related locations indented, UTF-16 columns', () => {
    expect(render('text', input([write, other, earlier], notes))).toBe(
      [
        '../other/x.go:4:1: map m is declared after an emoji [a-rule]',
        'pkg/a.go:3:20: map m is declared after an emoji [a-rule]',
        'pkg/a.go:4:12: map m is written in f [b-rule]',
        '\tpkg/a.go:3:20: declared here',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing without findings', () => {
    expect(render('text', input([]))).toBe('');
  });

  it('formats notifications for stderr', () => {
    expect(notes.map((n) => formatNotification(n, cwd))).toEqual([
      'mapsafe: z.go: boom [b-rule]',
      'mapsafe: b.go: EISDIR: illegal operation on a directory',
      'mapsafe: b.go:3:5: syntax error',
    ]);
  });
});

describe('json reporter', () => {
  it('emits the version 1 schema, sorted', () => {
    const doc = JSON.parse(render('json', input([write, earlier], notes)));
    expect(doc).toEqual({
      version: 1,
      tool: { name: 'mapsafe', version },
      diagnostics: [
        {
          ruleId: 'a-rule',
          severity: 'error',
          message: 'map m is declared after an emoji',
          location: { path: 'pkg/a.go', startLine: 3, startColumn: 20, endLine: 3, endColumn: 27 },
          related: [],
          fixes: [],
        },
        {
          ruleId: 'b-rule',
          severity: 'warning',
          message: 'map m is written in f',
          location: { path: 'pkg/a.go', startLine: 4, startColumn: 12, endLine: 4, endColumn: 22 },
          related: [{ path: 'pkg/a.go', startLine: 3, startColumn: 20, endLine: 3, endColumn: 27, message: 'declared here' }],
          fixes: [
            {
              title: 'Guard the write with mu.Lock()',
              safe: false,
              edits: [{ path: 'pkg/a.go', startLine: 4, startColumn: 12, endLine: 4, endColumn: 12, newText: 'mu.Lock(); ' }],
            },
          ],
        },
      ],
      notifications: [
        { kind: 'read-error', path: 'b.go', message: 'EISDIR: illegal operation on a directory' },
        { kind: 'parse-error', path: 'b.go', message: 'syntax error', line: 3, column: 5 },
        { kind: 'rule-error', path: 'z.go', message: 'boom', ruleId: 'b-rule' },
      ],
    });
  });

  it('is deterministic whatever the input order', () => {
    const a = render('json', input([write, earlier, other], notes));
    const b = render('json', input([other, earlier, write], [...notes].reverse()));
    expect(a).toBe(b);
  });

  it('includes the flow only when the diagnostic has one', () => {
    const withFlow = { ...earlier, flow: [loc('/proj/pkg/a.go', src, 'func f', 'goroutine root')] };
    const doc = JSON.parse(render('json', input([withFlow])));
    expect(doc.diagnostics[0].flow).toEqual([
      { path: 'pkg/a.go', startLine: 4, startColumn: 1, endLine: 4, endColumn: 7, message: 'goroutine root' },
    ]);
  });

  it('names the files whose text edits need', () => {
    expect(filesWithEdits([write, earlier])).toEqual(['/proj/pkg/a.go']);
  });
});

describe('positionAt', () => {
  it('counts lines at \\n and columns in UTF-16 code units', () => {
    expect(positionAt('ab\n😀x', 5)).toEqual({ line: 1, column: 2 });
    expect(positionAt('ab\n', 3)).toEqual({ line: 1, column: 0 });
    expect(positionAt('ab\n', 2)).toEqual({ line: 0, column: 2 });
    expect(positionAt('', 0)).toEqual({ line: 0, column: 0 });
  });
});
