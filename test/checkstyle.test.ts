import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Location } from '../src/diagnostic.js';
import { renderCheckstyle, xmlAttribute } from '../src/report/checkstyle.js';
import { positionAt, type ReportInput } from '../src/report/common.js';

const src = 'package p\n\nvar s = "é😀"; var m = map[string]int{}\nfunc f() { m["k"] = 1 }\n';

function loc(file: string, needle: string): Location {
  const startIndex = src.indexOf(needle);
  const endIndex = startIndex + needle.length;
  return { file, range: { start: positionAt(src, startIndex), end: positionAt(src, endIndex), startIndex, endIndex } };
}

function diag(ruleId: string, severity: Diagnostic['severity'], message: string, at: Location): Diagnostic {
  return { ruleId, severity, message, location: at, related: [], fixes: [] };
}

const input = (diagnostics: Diagnostic[]): ReportInput => ({ diagnostics, notifications: [], cwd: '/proj', source: () => undefined });

describe('checkstyle reporter', () => {
  it('groups sorted findings by file, 1-based UTF-16 columns, source mapsafe.<rule>', () => {
    const out = renderCheckstyle(
      input([
        diag('unguarded-map-write', 'error', 'map m is written in f', loc('/proj/pkg/b.go', 'm["k"]')),
        diag('range-in-defer', 'note', 'map m is declared after an emoji', loc('/proj/pkg/a.go', 'm = map')),
        diag('unguarded-map-read', 'warning', 'map m is read in f', loc('/proj/pkg/a.go', 'func')),
      ]),
    );
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="pkg/a.go">',
        '    <error line="3" column="20" severity="info" message="map m is declared after an emoji" source="mapsafe.range-in-defer"/>',
        '    <error line="4" column="1" severity="warning" message="map m is read in f" source="mapsafe.unguarded-map-read"/>',
        '  </file>',
        '  <file name="pkg/b.go">',
        '    <error line="4" column="12" severity="error" message="map m is written in f" source="mapsafe.unguarded-map-write"/>',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('is an empty document without findings', () => {
    expect(renderCheckstyle(input([]))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n');
  });

  it('escapes markup, quotes, whitespace that attributes normalise, and drops characters XML cannot carry', () => {
    expect(xmlAttribute(`a<b>&"c"'d'\te\nf\rg\u0000h\u0007i\ud800j😀`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#9;e&#10;f&#13;ghij😀');
    const out = renderCheckstyle(input([diag('x', 'error', 'map m["<k>"] & "v"', loc('/proj/a&b <c>.go', 'func'))]));
    expect(out).toContain('<file name="a&amp;b &lt;c&gt;.go">');
    expect(out).toContain('message="map m[&quot;&lt;k&gt;&quot;] &amp; &quot;v&quot;"');
    expect(out).not.toMatch(/<[^?/a-z]/);
  });
});

describe('mapsafe --format checkstyle', () => {
  it('writes the report for a scan, exit code 1 on findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapsafe-checkstyle-'));
    try {
      writeFileSync(join(dir, 'a.go'), 'package a\n\nimport "unsafe"\n\nfunc N(m map[string]int) int {\n\treturn *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))\n}\n');
      const bin = join(import.meta.dirname, '..', 'bin', 'mapsafe.js');
      const r = spawnSync(process.execPath, [bin, '--format', 'checkstyle', '--no-cache', '.'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="4\.3">\n  <file name="a\.go">\n    <error line="6" column="18" severity="error" message="map m is reinterpreted [^"]*" source="mapsafe\.unsafe-map-cast"\/>\n  <\/file>\n<\/checkstyle>\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
