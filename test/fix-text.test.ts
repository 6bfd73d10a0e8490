// gofmt-aware text helpers of the fix builders: import insertion, tabwriter alignment,
// trailing comment re-alignment, and what a statement does that decides its wrapping.
import { describe, expect, it } from 'vitest';
import { alignCells, commentAlignEdits, importEdit, trailingComments } from '../src/fix/text.js';
import { mayHold } from '../src/fix/wrap.js';
import { stmtFacts } from '../src/fix/stmts.js';
import { applyFixes } from '../src/edits.js';
import { fileImports } from '../src/package.js';
import type { SourceFile } from '../src/package.js';
import { getParser } from '../src/parser.js';
import { T, descendantsOf } from '../src/syntax.js';

async function source(text: string): Promise<SourceFile> {
  const tree = (await getParser('go')).parse(text)!;
  const imports = fileImports(tree.rootNode);
  return {
    path: '/v/a.go', text, tree, root: tree.rootNode, packageName: 'a', isTest: false, imports,
    importsByName: new Map(imports.filter((i) => i.local !== '_' && i.local !== '.').map((i) => [i.local, i])), cgo: null, index: 0,
  };
}

async function withImport(text: string, path = 'sync'): Promise<string> {
  const f = await source(text);
  const e = importEdit(f, path);
  if (e === 'conflict') return 'conflict';
  return e ? applyFixes(f.path, text, [{ title: 't', safe: true, edits: [e] }]).text : text;
}

describe('importEdit', () => {
  it('adds an import after the package clause of a file without imports', async () => {
    expect(await withImport('package a\n\nvar x = 1\n')).toBe('package a\n\nimport "sync"\n\nvar x = 1\n');
  });
  it('turns a single import into a sorted block', async () => {
    expect(await withImport('package a\n\nimport "fmt"\n')).toBe('package a\n\nimport (\n\t"fmt"\n\t"sync"\n)\n');
    expect(await withImport('package a\n\nimport "time"\n')).toBe('package a\n\nimport (\n\t"sync"\n\t"time"\n)\n');
    expect(await withImport('package a\n\nimport "example.com/x"\n')).toBe('package a\n\nimport (\n\t"sync"\n\n\t"example.com/x"\n)\n');
  });
  it('inserts at the sorted place of the standard library group, leaving other groups alone', async () => {
    const text = 'package a\n\nimport (\n\t"fmt"\n\t"strings"\n\t"time"\n\n\t"example.com/x"\n)\n';
    expect(await withImport(text)).toBe('package a\n\nimport (\n\t"fmt"\n\t"strings"\n\t"sync"\n\t"time"\n\n\t"example.com/x"\n)\n');
    expect(await withImport('package a\n\nimport (\n\t"fmt"\n)\n')).toBe('package a\n\nimport (\n\t"fmt"\n\t"sync"\n)\n');
  });
  it('does nothing when the package is imported, and refuses when the name is taken', async () => {
    expect(await withImport('package a\n\nimport "sync"\n')).toBe('package a\n\nimport "sync"\n');
    expect(await withImport('package a\n\nimport sync "example.com/sync"\n')).toBe('conflict');
  });
});

describe('alignment', () => {
  it('aligns cells as text/tabwriter does for gofmt', () => {
    expect(alignCells([['name', 'string', '// n'], ['mu', 'sync.Mutex'], ['counts', 'map[string]int', '// c'], ['limit', 'int']]))
      .toEqual(['name   string // n', 'mu     sync.Mutex', 'counts map[string]int // c', 'limit  int']);
  });
  it('re-aligns the trailing comments of a run that a wrap cuts', async () => {
    const text = 'package a\n\nfunc f() {\n\tm[k]++       // a\n\ttime.Sleep(1) // b\n}\n';
    const f = await source(text);
    const comments = trailingComments(text, descendantsOf(f.root, [T.comment]));
    const edits = commentAlignEdits(f.path, text, comments, new Set([4]));
    expect(applyFixes(f.path, text, [{ title: 't', safe: true, edits }]).text).toBe('package a\n\nfunc f() {\n\tm[k]++ // a\n\ttime.Sleep(1) // b\n}\n');
  });
});

describe('statements', () => {
  it('knows what leaves, blocks, defers and declares', async () => {
    const f = await source('package a\n\nfunc f() {\n\tfor {\n\t\tif x {\n\t\t\tbreak\n\t\t}\n\t}\n\tfor {\n\t\treturn\n\t}\n\tv := <-ch\n\tdefer g()\n}\n');
    const stmts = descendantsOf(f.root, [T.statementList])[0]!.namedChildren.filter((n) => n !== null);
    expect(stmtFacts([stmts[0]!]).leaves).toBe(false);
    expect(stmtFacts([stmts[1]!]).leaves).toBe(true);
    expect(stmtFacts([stmts[2]!])).toMatchObject({ blocks: true, declared: ['v'] });
    expect(stmtFacts([stmts[3]!]).defers).toBe(true);
  });
  it('sees a lock that may still be held', async () => {
    const f = await source('package a\n\nfunc f() {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\tx()\n}\n\nfunc g() {\n\ts.mu.Lock()\n\ts.mu.Unlock()\n\tx()\n}\n');
    const [a, b] = descendantsOf(f.root, [T.funcDecl]);
    expect(mayHold(a!, 's.mu', a!.endIndex - 2)).toBe(true);
    expect(mayHold(b!, 's.mu', b!.endIndex - 2)).toBe(false);
  });
});

describe('spansLines', () => {
  it('finds raw strings and block comments that span lines, in linear time on adversarial input', async () => {
    const { spansLines } = await import('../src/fix/text.js');
    expect(spansLines('a := `x\ny`', '`', '`')).toBe(true);
    expect(spansLines('a := `x` + `y`\n', '`', '`')).toBe(false);
    expect(spansLines('/* a */\n/* b\n */', '/*', '*/')).toBe(true);
    expect(spansLines('/* a */ x\n', '/*', '*/')).toBe(false);
    // A lone backtick followed by many newlines made the old regular expression quadratic.
    expect(spansLines('`' + '\n'.repeat(200_000), '`', '`')).toBe(false);
    expect(spansLines('/*' + '\n'.repeat(200_000), '/*', '*/')).toBe(false);
  });
});
