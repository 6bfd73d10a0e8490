// --write-baseline and --baseline on a temporary git repository: new, unchanged and
// absent results, matched by rule, file and GitHub's line hash (so moved lines match).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from './gitrepo.js';

const repo = gitRepo();
const git = repo.git;
const run = repo.run;
const fn = (name: string) => `
func ${name}(m map[string]int) int {
	h := (*header)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
	return h.count + ${name.length}
}
`;
const head = 'package p\n\nimport "unsafe"\n\ntype header struct{ count int }\n';

beforeAll(() => {
  repo.dir = mkdtempSync(join(tmpdir(), 'mapsafe-baseline-'));
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://token:x-oauth@github.com/acme/widgets.git');
  writeFileSync(join(repo.dir, 'a.go'), head + fn('Bb') + fn('A'));
  git('add', 'a.go');
  git('commit', '-q', '-m', 'one');
});
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

describe('baseline', { timeout: 60_000 }, () => {
  it('writes a baseline, then reports only new findings; SARIF marks new, unchanged and absent', () => {
    const first = run(['--write-baseline', 'base.sarif', '.']);
    expect(first.code).toBe(1);
    const base = JSON.parse(readFileSync(join(repo.dir, 'base.sarif'), 'utf8')) as Sarif.Log;
    expect(base.runs[0]!.results).toHaveLength(2);
    expect(base.runs[0]!.versionControlProvenance).toEqual([
      { repositoryUri: 'https://github.com/acme/widgets.git', revisionId: git('rev-parse', 'HEAD').trim(), mappedTo: { uriBaseId: 'SRCROOT' } },
    ]);
    expect(run(['--baseline', 'base.sarif', '.'])).toEqual({ code: 0, stdout: '', stderr: '' });

    // Move A down (its hash, over the next 100 non-blank characters, stays), drop Bb, add Ccc.
    writeFileSync(join(repo.dir, 'a.go'), `${head}\n// moved\n${fn('Ccc')}${fn('A')}`);
    const text = run(['--baseline', 'base.sarif', '.']);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(text.stdout).toMatch(/^a\.go:10:\d+: .*\[unsafe-map-cast\]\n$/);

    const sarif = JSON.parse(run(['--format', 'sarif', '--baseline', 'base.sarif', '.']).stdout) as Sarif.Log;
    const states = sarif.runs[0]!.results!.map((r) => [r.baselineState, r.locations![0]!.physicalLocation!.region!.startLine]);
    expect(states).toEqual([
      ['new', 10],
      ['unchanged', 15],
      ['absent', 8],
    ]);
  });

  it('rejects a missing or malformed baseline with one line', () => {
    expect(run(['--baseline', 'nope.sarif', '.'])).toEqual({ code: 2, stdout: '', stderr: 'mapsafe: nope.sarif: no such file\n' });
    writeFileSync(join(repo.dir, 'bad.sarif'), '{"version": "1.0"}');
    expect(run(['--baseline', 'bad.sarif', '.'])).toMatchObject({ code: 2, stderr: 'mapsafe: bad.sarif: not a SARIF 2.1.0 log\n' });
  });

  it('is deterministic: two SARIF runs are byte-identical', () => {
    const a = run(['--format', 'sarif', '--category', 'go', '.']).stdout;
    expect(a).toContain('"id": "go/"');
    expect(run(['--format', 'sarif', '--category', 'go', '.']).stdout).toBe(a);
  });
});
