import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { MAX_C_NESTING, analyzePreamble, nestingDepth, preambleToC } from '../src/cgo.js';
import { describeHmapPlace, hmapFieldAt, mapLinknameTarget, matchRuntimeStruct, runtimeStructByName } from '../src/maplayout.js';
import type { PreambleFacts } from '../src/cgo.js';
import { getParser } from '../src/parser.js';

let parser: Parser;
beforeAll(async () => {
  parser = await getParser('c');
});

/** Analyze C code written as a `//` preamble starting at the top of a file. */
function analyzeLines(lines: string[]): { facts: PreambleFacts; source: string } {
  const source = lines.map((l) => `// ${l}`).join('\n');
  return { facts: analyzePreamble(parser, source, { line: 0, column: 0, index: 0 }), source };
}

const uses = (facts: PreambleFacts) =>
  facts.offsetArith.map((u) => `${u.function}:${u.param}#${u.paramIndex}+${u.offset}:${u.kind}`);

describe('preambleToC', () => {
  it('blanks comment markers and #cgo lines, keeping every offset and line', () => {
    const src = '// #cgo LDFLAGS: -lm\n// #include <stdint.h>\n/* static int x; */\n//\tint f(void) { return 1; } // want "x"';
    const c = preambleToC(src);
    expect(c.length).toBe(src.length);
    expect(c.split('\n')).toEqual([
      ' '.repeat('// #cgo LDFLAGS: -lm'.length),
      '   #include <stdint.h>',
      '   static int x;   ',
      '  \tint f(void) { return 1; } // want "x"',
    ]);
  });
});

describe('C struct mirrors', () => {
  it('finds a struct copying runtime.hmap by field shape, located at its name', () => {
    const { facts, source } = analyzeLines([
      '#include <stdint.h>',
      'struct header { intptr_t count; uint8_t flags; uint8_t B; uint16_t noverflow; uint32_t hash0; void *buckets; };',
    ]);
    expect(facts.structs).toHaveLength(1);
    const s = facts.structs[0]!;
    expect(s).toMatchObject({ name: 'header', mirrors: 'hmap', by: 'fields' });
    expect(s.fields).toEqual(['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets']);
    expect(source.slice(s.range.startIndex, s.range.endIndex)).toBe('header');
    expect(s.range.start).toEqual({ line: 1, column: source.split('\n')[1]!.indexOf('header') });
  });

  it('names an anonymous typedef struct by its typedef name', () => {
    const { facts } = analyzeLines([
      'typedef struct {',
      '  void *key; void *elem; void *t; void *h; void *buckets; void *bptr;',
      '} GoIter;',
    ]);
    expect(facts.structs.map((s) => [s.name, s.mirrors, s.by, s.range.start.line])).toEqual([['GoIter', 'hiter', 'fields', 2]]);
  });

  it('reports a struct only named like a runtime struct as a name match', () => {
    const { facts } = analyzeLines(['struct hmap { int a; int b; };', 'struct bmap { unsigned char tophash[8]; };']);
    expect(facts.structs.map((s) => [s.name, s.mirrors, s.by])).toEqual([
      ['hmap', 'hmap', 'name'],
      ['bmap', 'bmap', 'fields'],
    ]);
  });

  it('ignores structs that share a few common field names', () => {
    const { facts } = analyzeLines([
      'struct stats { long count; unsigned char flags; int buckets; };',
      'struct point { int x, y; };',
      'struct node { void *key; void *elem; struct node *next; };',
      'struct hmap;',
    ]);
    expect(facts.structs).toEqual([]);
  });
});

describe('C offset arithmetic on parameters', () => {
  it('finds (char*)p + 9, located in file coordinates', () => {
    const { facts, source } = analyzeLines(['static unsigned char b(void *p) { return *((char*)p + 9); }']);
    expect(uses(facts)).toEqual(['b:p#0+9:arith']);
    const r = facts.offsetArith[0]!.range;
    expect(source.slice(r.startIndex, r.endIndex)).toBe('(char*)p + 9');
  });

  it('finds *(int*)((char*)h+8) once, as the arithmetic', () => {
    const { facts } = analyzeLines(['int flags(void *h) { return *(int*)((char*)h+8); }']);
    expect(uses(facts)).toEqual(['flags:h#0+8:arith']);
  });

  it('finds ((uint8_t*)h)[9] and scales subscripts by the element size', () => {
    const { facts } = analyzeLines([
      '#include <stdint.h>',
      'int b(void *h) { return ((uint8_t*)h)[9]; }',
      'int n(int x, const void *h) { return ((const uint16_t*)h)[5] + x; }',
      'long c(long *h) { return h[0]; }',
    ]);
    expect(uses(facts)).toEqual(['b:h#0+9:subscript', 'n:h#1+10:subscript', 'c:h#0+0:subscript']);
  });

  it('reports a plain dereference of a parameter as offset 0', () => {
    const { facts } = analyzeLines(['long count(void *h) { return *(long*)h; }']);
    expect(uses(facts)).toEqual(['count:h#0+0:deref']);
  });

  it('follows locals and reports a chain once, at its last step, with the total offset', () => {
    const { facts, source } = analyzeLines([
      '#include <stdint.h>',
      'void *bk(void *h) { char *p = (char*)h; return *(void**)(p + 16); }',
      'uint32_t seed(unsigned char *h) { unsigned char *q = h + 8; return *(uint32_t*)(q + 4); }',
      'void *ev(void *h) { char *p = (char*)h; p += 32; return *(void**)p; }',
      'int hx(uintptr_t h) { return *(int*)(h + 0x0c); }',
      'int sz(void *h) { return *((char*)h + sizeof(long) + 2*1); }',
    ]);
    expect(uses(facts)).toEqual(['bk:h#0+16:arith', 'seed:h#0+12:arith', 'ev:h#0+32:arith', 'hx:h#0+12:arith', 'sz:h#0+10:arith']);
    const r = facts.offsetArith[1]!.range;
    expect(source.slice(r.startIndex, r.endIndex)).toBe('q + 4');
  });

  it('stays silent on integer parameters and non-constant offsets', () => {
    const { facts } = analyzeLines([
      'static int add(int a, int b) { return a + b; }',
      'static long scale(long v, int by) { return v * by + 1; }',
      'static int at(char *p, int i) { return p[i] + *(p + i); }',
      'static long sum(long *xs, long n) { long s = 0; for (long i = 0; i < n; i++) s += xs[i]; return s; }',
    ]);
    expect(uses(facts)).toEqual([]);
  });

  it('forgets a local moved by ++ or --', () => {
    const { facts } = analyzeLines(['int f(char *h) { char *p = h; p++; return *(p + 8); }']);
    expect(uses(facts)).toEqual([]);
  });

  it('does not scale arithmetic on pointers to structs of unknown size', () => {
    const { facts } = analyzeLines(['struct hmap; void *next(struct hmap *h) { return h + 1; }']);
    expect(uses(facts)).toEqual([]);
  });
});

describe('C functions', () => {
  it('lists parameters and their types, definitions over declarations', () => {
    const { facts } = analyzeLines([
      'struct hmap;',
      'int hmap_b(struct hmap *h);',
      'static void *buckets_of(const void *h, int n) { return 0; }',
      'void nothing(void) {}',
      'int hmap_b(struct hmap *h) { return 0; }',
    ]);
    expect(Object.fromEntries([...facts.functions].map(([k, f]) => [k, [f.params, f.paramTypes, f.defined]]))).toEqual({
      hmap_b: [['h'], ['struct hmap *'], true],
      buckets_of: [['h', 'n'], ['void *', 'int'], true],
      nothing: [[], [], true],
    });
  });
});

describe('runtime map layout facts', () => {
  it('maps 64-bit hmap offsets to fields', () => {
    expect([0, 8, 9, 10, 12, 16, 24, 32, 40].map((o) => describeHmapPlace(hmapFieldAt(o)))).toEqual([
      'runtime.hmap.count', 'runtime.hmap.flags', 'runtime.hmap.B', 'runtime.hmap.noverflow', 'runtime.hmap.hash0',
      'runtime.hmap.buckets', 'runtime.hmap.oldbuckets', 'runtime.hmap.nevacuate', 'runtime.hmap.extra',
    ]);
    expect(describeHmapPlace(hmapFieldAt(4))).toBe('bytes of runtime.hmap.count');
    expect(describeHmapPlace(hmapFieldAt(48))).toBe('memory past the 48-byte runtime.hmap');
  });

  it('matches Go field name lists by shape', () => {
    expect(matchRuntimeStruct(['count', 'flags', 'B', 'noverflow'])).toEqual({
      mirrors: 'hmap',
      fields: ['count', 'flags', 'B', 'noverflow'],
    });
    // github.com/modern-go/reflect2's copy says value where the runtime says elem.
    const reflect2 = ['key', 'value', 't', 'h', 'buckets', 'bptr', 'overflow', 'oldoverflow', 'startBucket', 'offset', 'wrapped', 'B', 'i', 'bucket', 'checkBucket'];
    expect(matchRuntimeStruct(reflect2)?.mirrors).toBe('hiter');
    expect(matchRuntimeStruct(['overflow', 'oldoverflow', 'nextOverflow'])?.mirrors).toBe('mapextra');
    expect(matchRuntimeStruct(['tophash'])?.mirrors).toBe('bmap');
    expect(matchRuntimeStruct(['count', 'flags', 'buckets'])).toBeUndefined();
    expect(matchRuntimeStruct(['buckets', 'hash0', 'B', 'count', 'noverflow'])).toBeUndefined();
    expect(matchRuntimeStruct(['key', 'elem', 'next'])).toBeUndefined();
    expect(runtimeStructByName('hiter')).toBe('hiter');
    expect(runtimeStructByName('toString')).toBeUndefined();
  });
});

describe('map functions reachable through go:linkname', () => {
  it('knows the iterator functions and the two names the Go 1.23 linker refuses', () => {
    expect(mapLinknameTarget('runtime.mapiterinit')).toEqual({ iterator: true, rejectedByLinker: false });
    expect(mapLinknameTarget('reflect.mapiterkey')).toEqual({ iterator: true, rejectedByLinker: false });
    expect(mapLinknameTarget('runtime.mapassign_faststr')).toEqual({ iterator: false, rejectedByLinker: false });
    expect(mapLinknameTarget('runtime.mapaccessK')?.rejectedByLinker).toBe(true);
    expect(mapLinknameTarget('reflect.mapassign_faststr')?.rejectedByLinker).toBe(true);
    expect(mapLinknameTarget('maps.keys')?.iterator).toBe(false);
    expect(mapLinknameTarget('runtime.nanotime')).toBeUndefined();
    expect(mapLinknameTarget('mapiterinit')).toBeUndefined();
  });
});

describe('pathological preambles', () => {
  it('skips a preamble nested deeper than MAX_C_NESTING', async () => {
    const parser = await getParser('c');
    expect(nestingDepth('struct a { int b[(1)]; };')).toBe(3);
    const n = 20_000;
    const deep = `// struct hmap { long count; ${'struct { '.repeat(n)}int x;${' } y;'.repeat(n)} };\n`;
    expect(nestingDepth(deep)).toBeGreaterThan(MAX_C_NESTING);
    expect(analyzePreamble(parser, deep, { line: 0, column: 0, index: 0 }).structs).toEqual([]);
    // The same struct at an ordinary depth is analysed.
    const shallow = `// struct hmap { long count; ${'struct { '.repeat(3)}int x;${' } y;'.repeat(3)} };\n`;
    expect(nestingDepth(shallow)).toBeLessThan(MAX_C_NESTING);
    expect(analyzePreamble(parser, shallow, { line: 0, column: 0, index: 0 }).structs.map((x) => x.name)).toEqual(['hmap']);
  });
});
