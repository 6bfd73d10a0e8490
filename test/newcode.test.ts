// --new-from-rev on a temporary git repository, and the diff parsing and remote URLs behind it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedLinesFromDiff, remoteToUri } from '../src/newcode.js';
import { gitRepo } from './gitrepo.js';

const repo = gitRepo();
const git = repo.git;
const run = repo.run;

const fn = (name: string) => `
func ${name}(m map[string]int) int {
	h := (*header)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
	return h.count
}
`;
const head = 'package p\n\nimport "unsafe"\n\ntype header struct{ count int }\n';

beforeAll(() => {
  repo.dir = mkdtempSync(join(tmpdir(), 'mapsafe-newcode-'));
  git('init', '-q');
  writeFileSync(join(repo.dir, 'a.go'), head + fn('Old'));
  git('add', 'a.go');
  git('commit', '-q', '-m', 'one');
});
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

describe('--new-from-rev', { timeout: 60_000 }, () => {
  it('reports only findings on lines added or changed since REV, and in untracked files', () => {
    expect(run(['--new-from-rev', 'HEAD', '.'])).toEqual({ code: 0, stdout: '', stderr: '' });
    writeFileSync(join(repo.dir, 'a.go'), head + fn('Old') + fn('New'));
    writeFileSync(join(repo.dir, 'b.go'), head.replace('\nimport "unsafe"\n\ntype header struct{ count int }\n', '\nimport "unsafe"\n') + fn('Untracked'));
    const all = run(['.']);
    expect(all.stdout.split('\n').filter((l) => l.endsWith('[unsafe-map-cast]'))).toHaveLength(3);
    const r = run(['--new-from-rev', 'HEAD', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split(':').slice(0, 2).join(':'))).toEqual(['a.go:13', 'b.go:6']);
    git('add', 'a.go', 'b.go');
    git('commit', '-q', '-m', 'two');
    expect(run(['--new-from-rev', 'HEAD', '.']).code).toBe(0);
    expect(run(['--new-from-rev', 'HEAD~1', '.']).code).toBe(1);
  });

  it('rejects an unknown revision and a directory outside git with one line', () => {
    const r = run(['--new-from-rev', 'no-such-rev', '.']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'mapsafe: --new-from-rev: unknown revision "no-such-rev"\n' });
    expect(run(['--new-from-rev', '--output=x', '.']).code).toBe(2);
  });
});

describe('git helpers', () => {
  it('parses added lines of a --unified=0 diff; new files are wholly new', () => {
    const diff = [
      'diff --git a/a.go b/a.go',
      'index 1..2 100644',
      '--- a/a.go',
      '+++ b/a.go',
      '@@ -3,0 +4,2 @@ func',
      '+x',
      '+y',
      '@@ -9 +11 @@',
      '-old',
      '+new',
      'diff --git a/n.go b/n.go',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/n.go',
      '@@ -0,0 +1 @@',
      '+package n',
      'diff --git a/gone.go b/gone.go',
      'deleted file mode 100644',
      '--- a/gone.go',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-package gone',
      '',
    ].join('\n');
    const changed = changedLinesFromDiff(diff, '/r');
    expect([...changed.keys()]).toEqual(['/r/a.go', '/r/n.go']);
    expect([...(changed.get('/r/a.go') as Set<number>)]).toEqual([4, 5, 11]);
    expect(changed.get('/r/n.go')).toBe('all');
  });

  it('turns remotes into URIs without credentials', () => {
    expect(remoteToUri('git@github.com:o/r.git\n')).toBe('ssh://git@github.com/o/r.git');
    expect(remoteToUri('https://user:secret@github.com/o/r.git')).toBe('https://github.com/o/r.git');
    expect(remoteToUri('ssh://git@host:22/o/r')).toBe('ssh://git@host:22/o/r');
    expect(remoteToUri('')).toBeUndefined();
  });
});
