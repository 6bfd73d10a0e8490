// The light nodes (src/lightnodes.ts) replace web-tree-sitter's node-making methods in the
// process: every answer must be the one web-tree-sitter gives as it comes, which a child
// process that loads it without mapsafe computes here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { getParser } from '../src/parser.js';
import { lightNodesInstalled } from '../src/lightnodes.js';

/**
 * Walks a tree through every replaced method and records what each returns. Kept as text:
 * the same function runs here and in the child process.
 */
const DUMP = `(root, types) => {
  const d = (n) => n ? [n.id === 0 ? 0 : 1, n.startIndex, n.startPosition.row, n.startPosition.column, n.typeId, n.type, n.endIndex,
    n.hasError, n.isMissing, n.isNamed, n.childCount, n.namedChildCount, n.text.length].join(':') : '-';
  const out = [];
  const visit = (n) => {
    out.push(d(n), d(n.parent), d(n.nextSibling), d(n.previousSibling), d(n.nextNamedSibling), d(n.previousNamedSibling),
      d(n.child(0)), d(n.namedChild(1)), n.namedChildren.map(d).join(','));
    for (let f = 1; f < 30; f++) out.push(d(n.childForFieldId(f)), n.childrenForFieldId(f).map(d).join(','));
    for (const c of n.children) visit(c);
  };
  visit(root);
  for (const t of types) out.push(root.descendantsOfType(t).map(d).join(','));
  return out;
}`;

const GO_TYPES = [['identifier'], ['comment'], ['ERROR', 'call_expression'], ['index_expression', 'func_literal', 'selector_expression'], 'identifier'];
const C_TYPES = [['identifier'], ['comment'], ['ERROR'], ['field_declaration', 'struct_specifier']];

function theirs(grammar: string, source: string, types: unknown): string[] {
  const script = `
    import { Language, Parser } from 'web-tree-sitter';
    await Parser.init();
    const p = new Parser();
    p.setLanguage(await Language.load(process.argv[1]));
    const t = p.parse(process.argv[2]);
    process.stdout.write(JSON.stringify((${DUMP})(t.rootNode, JSON.parse(process.argv[3]))));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script, new URL(`../wasm/tree-sitter-${grammar}.wasm`, import.meta.url).pathname, source, JSON.stringify(types)], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as string[];
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const dump = new Function(`return ${DUMP}`)() as (root: Node, types: unknown) => string[];

const GO = ['cache.go', 'internals.go', 'server.go'].map((f) => readFileSync(new URL(`../testdata/demo/${f}`, import.meta.url), 'utf8')).join('\n')
  + '\nfunc broken( {\n\tx := m[\n}\n// trailing ünïcödé 日本語\n';
const C = '#include <stdint.h>\n// the header\nstruct hmap { int count; uint8_t flags; uint8_t B; /* c */ void *buckets; };\nint f(struct hmap *h) { return h->count + ; }\n';

describe('light nodes', () => {
  it('are installed once a parser is loaded', async () => {
    await getParser('go');
    expect(lightNodesInstalled()).toBe(true);
  });

  it('answer as web-tree-sitter does, for Go (a syntax error included) and for C in the same process', async () => {
    const go = (await getParser('go')).parse(GO)!;
    const c = (await getParser('c')).parse(C)!;
    try {
      // Both grammars name types `identifier`, `comment` and `ERROR`, with other symbols.
      const ours = { go: dump(go.rootNode, GO_TYPES), c: dump(c.rootNode, C_TYPES), goAgain: dump(go.rootNode, GO_TYPES) };
      expect(ours.go.length).toBeGreaterThan(1000);
      expect(ours.go.join('\n')).toContain('ERROR');
      expect(ours.go).toEqual(theirs('go', GO, GO_TYPES));
      expect(ours.c).toEqual(theirs('c', C, C_TYPES));
      expect(ours.goAgain).toEqual(ours.go);
    } finally {
      go.delete();
      c.delete();
    }
  });

  it('are nodes to every method web-tree-sitter has', async () => {
    const tree = (await getParser('go')).parse('package p\nfunc f() { g(1) }\n')!;
    try {
      const call = tree.rootNode.descendantsOfType('call_expression')[0]!;
      expect(call).toBeInstanceOf(Node);
      expect(Object.getPrototypeOf(call)).not.toBe(Node.prototype);
      expect(call.text).toBe('g(1)');
      expect(call.childForFieldName('function')?.text).toBe('g');
      expect(call.endPosition).toEqual({ row: 1, column: 15 });
      expect(call.toString()).toBe('(call_expression function: (identifier) arguments: (argument_list (int_literal)))');
      expect(call.equals(call.parent!.namedChildren[0]!)).toBe(true);
      expect(call.walk().nodeType).toBe('call_expression');
    } finally {
      tree.delete();
    }
  });
});
