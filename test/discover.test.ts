import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/discover.js';

let root: string;

/** Creates files (content irrelevant unless given) under root. */
function tree(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function run(args: string[], includeTests = true, cwd = root) {
  const r = await discover(args, { cwd, includeTests });
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  return {
    files: r.files.map(rel),
    reportOnly: r.reportOnly && [...r.reportOnly].map(rel).sort(),
    errors: r.errors,
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mapsafe-discover-'));
  mkdirSync(join(root, '.git'));
  tree({
    'a.go': 'package a',
    'a_test.go': 'package a',
    '.hidden.go': '',
    '_under.go': '',
    'notes.txt': '',
    'pkg/b.go': 'package b',
    'pkg/c.go': 'package b',
    'pkg/sub/d.go': 'package sub',
    'pkg/gen/gen.go': 'package gen',
    'pkg/keep/ignored.go': '',
    'pkg/keep/kept.go': '',
    'pkg/.gitignore': 'keep/*.go\n!keep/kept.go\n',
    'vendor/v/v.go': '',
    'testdata/demo/t.go': '',
    'testdata/demo/inner/u.go': '',
    'testdata/demo/testdata/x.go': '',
    '.tools/t.go': '',
    '_old/o.go': '',
    'build/out.go': '',
    'nested/deeper/n.go': '',
    'nested/deeper/generated.go': '',
    'nested/.gitignore': 'generated.go\n',
    '.gitignore': 'build/\npkg/gen/\n',
  });
  symlinkSync(join(root, 'pkg'), join(root, 'linkdir'));
  symlinkSync(join(root, 'missing-target.go'), join(root, 'pkg/sub/broken.go'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('discover', () => {
  it('defaults to the current directory, non-recursive', async () => {
    expect(await run([])).toEqual({ files: ['a.go', 'a_test.go'], reportOnly: undefined, errors: [] });
    expect((await run(['.'])).files).toEqual(['a.go', 'a_test.go']);
  });

  it('walks ./... honouring .gitignore and the skip rules', async () => {
    const r = await run(['./...']);
    expect(r.files).toEqual([
      'a.go',
      'a_test.go',
      'nested/deeper/n.go',
      'pkg/b.go',
      'pkg/c.go',
      'pkg/keep/kept.go',
      'pkg/sub/broken.go',
      'pkg/sub/d.go',
    ]);
    expect(r.errors).toEqual([]);
    expect(r.reportOnly).toBeUndefined();
  });

  it('accepts dir/... and a bare ...', async () => {
    expect((await run(['pkg/...'])).files).toEqual(['pkg/b.go', 'pkg/c.go', 'pkg/keep/kept.go', 'pkg/sub/broken.go', 'pkg/sub/d.go']);
    expect((await run(['...'], true, join(root, 'pkg/sub'))).files).toEqual(['pkg/sub/broken.go', 'pkg/sub/d.go']);
  });

  it('applies ancestor .gitignore files to a pattern below them', async () => {
    expect((await run(['./pkg/...'], true, root)).files).not.toContain('pkg/gen/gen.go');
    expect((await run(['deeper'], true, join(root, 'nested'))).files).toEqual(['nested/deeper/n.go']);
  });

  it('a directory means its package only', async () => {
    expect((await run(['pkg'])).files).toEqual(['pkg/b.go', 'pkg/c.go']);
  });

  it('walks a directory that holds no .go files of its own, as dir/...', async () => {
    expect((await run(['nested'])).files).toEqual(['nested/deeper/n.go']);
    expect((await run(['nested'])).files).toEqual((await run(['nested/...'])).files);
  });

  it('walks directories named explicitly even when a walk would skip them', async () => {
    expect((await run(['testdata/demo'])).files).toEqual(['testdata/demo/t.go']);
    expect((await run(['testdata/demo/...'])).files).toEqual(['testdata/demo/inner/u.go', 'testdata/demo/t.go']);
    expect((await run(['vendor/v'])).files).toEqual(['vendor/v/v.go']);
    expect((await run(['.tools'])).files).toEqual(['.tools/t.go']);
    expect((await run(['./_old/...'])).files).toEqual(['_old/o.go']);
    expect((await run(['build'])).files).toEqual(['build/out.go']); // ignored by .gitignore, but named
  });

  it('drops _test.go files with includeTests false, unless named', async () => {
    expect((await run(['.'], false)).files).toEqual(['a.go']);
    const named = await run(['a_test.go'], false);
    expect(named.files).toEqual(['a.go', 'a_test.go']);
    expect(named.reportOnly).toEqual(['a_test.go']);
  });

  it('a file argument scans its package but reports only the named files', async () => {
    const r = await run(['pkg/b.go', './pkg/b.go', 'a.go']);
    expect(r.files).toEqual(['a.go', 'a_test.go', 'pkg/b.go', 'pkg/c.go']);
    expect(r.reportOnly).toEqual(['a.go', 'pkg/b.go']);
  });

  it('reports everything from directory arguments mixed with file arguments', async () => {
    const r = await run(['pkg/b.go', 'pkg/sub']);
    expect(r.reportOnly).toEqual(['pkg/b.go', 'pkg/sub/broken.go', 'pkg/sub/d.go']);
  });

  it('does not follow symlinked directories in walks', async () => {
    expect((await run(['./...'])).files.some((f) => f.startsWith('linkdir/'))).toBe(false);
  });

  it('accepts absolute paths and deduplicates', async () => {
    const r = await run([join(root, 'pkg'), 'pkg', 'pkg/...']);
    expect(r.files).toEqual(['pkg/b.go', 'pkg/c.go', 'pkg/keep/kept.go', 'pkg/sub/broken.go', 'pkg/sub/d.go']);
  });

  it('reports missing paths and unusable arguments', async () => {
    const r = await run(['nope', 'nope/...', 'notes.txt', 'a.go/...', 'pkg/b...', 'a.go']);
    expect(r.errors).toEqual([
      'nope: no such file or directory',
      'nope/...: no such file or directory',
      'notes.txt: not a .go file or a directory',
      'a.go/...: not a directory',
      'pkg/b...: unsupported pattern (use a directory, a file, or dir/...)',
    ]);
    expect(r.files).toEqual(['a.go', 'a_test.go']);
  });
});
