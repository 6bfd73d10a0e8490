// --format github: workflow commands with the Actions toolkit's escaping.
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Location } from '../src/diagnostic.js';
import { escapeData, escapeProperty, renderGithub } from '../src/report/github.js';

const loc = (file: string, line: number, col: number, message?: string): Location => ({
  file,
  range: { start: { line, column: col }, end: { line, column: col + 3 }, startIndex: 0, endIndex: 0 },
  ...(message ? { message } : {}),
});

const diag = (severity: Diagnostic['severity'], file: string, message: string, related: Location[] = []): Diagnostic => ({
  ruleId: 'unguarded-map-write',
  severity,
  message,
  location: loc(file, 4, 1),
  related,
  fixes: [],
});

describe('github format', () => {
  it('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('writes one command per finding, by severity, sorted, with related locations on further lines', () => {
    const out = renderGithub({
      cwd: '/w',
      notifications: [],
      source: () => undefined,
      diagnostics: [
        diag('note', '/w/b.go', 'third'),
        diag('warning', '/w/dir,x/a:b.go', 'second 50%'),
        diag('error', '/w/a.go', 'first\nline', [loc('/w/a.go', 1, 0, 'lock, here')]),
      ],
    });
    expect(out).toBe(
      [
        '::error file=a.go,line=5,col=2,endLine=5,endColumn=5,title=unguarded-map-write::first%0Aline%0Aa.go:2:1: lock, here',
        '::notice file=b.go,line=5,col=2,endLine=5,endColumn=5,title=unguarded-map-write::third',
        '::warning file=dir%2Cx/a%3Ab.go,line=5,col=2,endLine=5,endColumn=5,title=unguarded-map-write::second 50%25',
        '',
      ].join('\n'),
    );
  });
});
