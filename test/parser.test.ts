// The parser's fast path across the wasm boundary (src/parser.ts) and the helpers that
// answer from the source text instead of asking wasm (src/syntax.ts) must give exactly
// what web-tree-sitter's own code gives.
import { execFileSync } from 'node:child_process';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { getParser, installFastAccessors, usesFastAccessors } from '../src/parser.js';
import { T, field, namedChildrenNoComments, rememberText } from '../src/syntax.js';

const SOURCE = `package p

// Doc comment: ünïcödé and 日本語 before the code shift UTF-16 offsets.
import "sync"

type S struct {
	mu sync.Mutex // guards m
	m  map[string]int /* inline */
}

func (s *S) Set(k string, v int) {
	s.mu.Lock() // take it
	defer s.mu.Unlock()
	/* block */ s.m[k] = v
	f(1, /* arg */ 2,
		// line
		3)
	x := []int{1, // one
		2}
	_ = x
	select {
	// before case
	case <-make(chan int):
	default:
	}
}

func f(a ...int) {}
`;

/** Every node's type, offsets and position, in document order. */
function dump(root: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    out.push(`${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column} ${n.endPosition.row}:${n.endPosition.column} ${n.childCount}`);
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

describe('parser fast accessors', () => {
  it('read and write i32 words as the generic accessors do, and hand every other type to them', () => {
    const memory = new ArrayBuffer(64);
    const view = new DataView(memory);
    const calls: string[] = [];
    const module = {
      HEAP32: new Int32Array(memory),
      setValue: (ptr: number, value: number, type = 'i8') => {
        calls.push(`set ${type}`);
        if (type === 'i32') view.setInt32(ptr, value, true);
        else view.setInt8(ptr, value);
      },
      getValue: (ptr: number, type = 'i8') => {
        calls.push(`get ${type}`);
        return type === 'i32' ? view.getInt32(ptr, true) : view.getInt8(ptr);
      },
    };
    expect(installFastAccessors(module)).toBe(true);
    module.setValue(8, -123456789, 'i32');
    expect(view.getInt32(8, true)).toBe(-123456789);
    view.setInt32(12, 0x7fffffff, true);
    expect(module.getValue(12, 'i32')).toBe(0x7fffffff);
    expect(calls).toEqual([]);
    module.setValue(3, 7, 'i8');
    expect(module.getValue(3, 'i8')).toBe(7);
    // Unaligned words go the generic way.
    module.setValue(17, 5, 'i32');
    expect(module.getValue(17, 'i32')).toBe(5);
    expect(calls).toEqual(['set i8', 'get i8', 'set i32', 'get i32']);
  });

  it('are not installed on a module that does not look as expected', () => {
    expect(installFastAccessors({})).toBe(false);
    expect(installFastAccessors({ setValue: () => {}, getValue: () => 0 })).toBe(false);
  });

  it('give the same tree as web-tree-sitter without them', async () => {
    const parser = await getParser('go');
    const tree = parser.parse(SOURCE)!;
    const ours = dump(tree.rootNode);
    tree.delete();
    expect(usesFastAccessors()).toBe(os.endianness() === 'LE');
    // The same grammar parsed by a process that loads web-tree-sitter as it comes.
    const script = `
      import { Language, Parser } from 'web-tree-sitter';
      await Parser.init();
      const p = new Parser();
      p.setLanguage(await Language.load(process.argv[1]));
      const t = p.parse(process.argv[2]);
      const out = [];
      const visit = (n) => { out.push(n.type + ' ' + n.startIndex + '-' + n.endIndex + ' ' + n.startPosition.row + ':' + n.startPosition.column + ' ' + n.endPosition.row + ':' + n.endPosition.column + ' ' + n.childCount); for (const c of n.children) visit(c); };
      visit(t.rootNode);
      process.stdout.write(JSON.stringify(out));`;
    const theirs = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script, new URL('../wasm/tree-sitter-go.wasm', import.meta.url).pathname, SOURCE], {
        cwd: new URL('..', import.meta.url).pathname,
        encoding: 'utf8',
      }),
    ) as string[];
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(theirs);
  });
});

describe('text-backed syntax helpers', () => {
  it('namedChildrenNoComments drops exactly the comments, with or without the text', async () => {
    const parser = await getParser('go');
    const plain = parser.parse(SOURCE)!;
    const backed = parser.parse(SOURCE)!;
    rememberText(backed, SOURCE);
    const lists = (root: Node) => {
      const out: string[] = [];
      const visit = (n: Node) => {
        out.push(namedChildrenNoComments(n).map((c) => `${c.type}@${c.startIndex}`).join(' '));
        for (const c of n.namedChildren) if (c) visit(c);
      };
      visit(root);
      return out;
    };
    const a = lists(plain.rootNode);
    expect(a).toEqual(lists(backed.rootNode));
    expect(a.join(' ')).not.toContain(T.comment);
    // The comments are there to be dropped.
    expect(plain.rootNode.descendantsOfType(T.comment).length).toBe(9);
    plain.delete();
    backed.delete();
  });

  it('field finds children by field name as childForFieldName does', async () => {
    const parser = await getParser('go');
    const tree = parser.parse(SOURCE)!;
    let checked = 0;
    for (const n of tree.rootNode.descendantsOfType([T.methodDecl, T.callExpr, T.selectorExpr, T.indexExpr])) {
      for (const name of ['name', 'receiver', 'body', 'function', 'arguments', 'operand', 'field', 'index', 'no_such_field']) {
        expect(field(n!, name)?.id ?? null).toBe(n!.childForFieldName(name)?.id ?? null);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    tree.delete();
  });
});
