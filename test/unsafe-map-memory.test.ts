// The shared map-memory analysis behind unsafe-map-cast and cgo-hmap-offset:
// derivation through locals in source order, offset chains, exact ranges in C.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cgoHmapOffset } from '../rules/cgo-hmap-offset.js';
import { mapMemoryAnalysis } from '../src/unsafe/analysis.js';
import { scanFiles } from '../src/scan.js';
import { withPackage, writeTemp } from './pkgutil.js';

describe('map memory analysis', () => {
  it('follows a header through locals, += and a chain, reporting the last step with the total', async () => {
    let offsets: string[] = [];
    let views: string[] = [];
    await withPackage(
      {
        'a.go': [
          'package a',
          'import "unsafe"',
          'func f(m map[string]int) uintptr {',
          '\tp := uintptr(*(*unsafe.Pointer)(unsafe.Pointer(&m)))',
          '\tp += 8',
          '\tq := p + 1',
          '\tp = 0',
          '\treturn q + p',
          '}',
          'func g(m map[int]int) *map[int]int { return (*map[int]int)(unsafe.Pointer(&m)) }',
        ].join('\n'),
      },
      (ctx) => {
        const facts = ctx.get(mapMemoryAnalysis);
        offsets = facts.offsets.map((o) => `${o.node.startPosition.row + 1}:${o.map}+${o.offset}`);
        views = facts.addressViews.map((v) => v.target);
      },
    );
    // p = 0 ends the header in p: `q + p` is not arithmetic on the header.
    expect(offsets).toEqual(['6:m+9']);
    // the conversion back to *map[int]int is not a view of the header
    expect(views).toEqual(['*unsafe.Pointer']);
  });

  it('reports C offsets at their exact range in the preamble', async () => {
    const src = [
      'package c',
      '',
      '// static int b(void *h) { return *((unsigned char*)h + 9); }',
      'import "C"',
      '',
      'import "unsafe"',
      '',
      'func B(m map[string]int) int { return int(C.b(*(*unsafe.Pointer)(unsafe.Pointer(&m)))) }',
    ].join('\n');
    const dir = writeTemp({ 'c.go': src });
    const r = await scanFiles([path.join(dir, 'c.go')], { rules: [cgoHmapOffset] });
    const inC = r.diagnostics.find((d) => d.message.startsWith('fixed offset 9'));
    expect(inC).toBeDefined();
    const range = inC!.location.range;
    expect(src.slice(range.startIndex, range.endIndex)).toBe('(unsigned char*)h + 9');
    expect(range.start).toEqual({ line: 2, column: src.split('\n')[2]!.indexOf('(unsigned char*)h + 9') });
    expect(r.diagnostics.map((d) => d.message.slice(0, 30))).toContain('map m is passed to C.b as Go m');
  });
});
