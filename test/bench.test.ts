// The benchmark script (scripts/bench.mjs) on a small tree: every phase in every round,
// the medians and each round's figures, and a clear refusal of a bad --rounds.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bench = (...args: string[]) => spawnSync(process.execPath, ['scripts/bench.mjs', 'testdata/demo', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run bench', () => {
  it('runs every phase in each round and reports medians with each round', () => {
    const r = bench('--rounds', '3', '--skip-single');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 rounds');
    for (const phase of ['parse', 'cold scan', 'warm scan', 'pre-commit']) {
      const row = r.stdout.split('\n').find((l) => l.startsWith(`| ${phase} |`));
      expect(row, phase).toBeDefined();
      // The "each round" column: three wall times.
      expect(row!.split('|')[5]!.trim()).toMatch(/^\d+\.\d\d \/ \d+\.\d\d \/ \d+\.\d\d$/);
    }
    // The demo's six findings, in the cold and the warm scan alike.
    expect(r.stdout).toMatch(/\| cold scan \|.*\| 6 \|/);
    expect(r.stdout).toMatch(/\| warm scan \|.*\| 6 \|/);
    expect(r.stdout).toMatch(/\| cold scan \/ parse floor \(\d+ workers\) \| \d+\.\d\d \(\d+\.\d\d \/ \d+\.\d\d \/ \d+\.\d\d\) \| <= 1\.25 \|/);
  }, 60_000);

  it('refuses a round count that is not a positive integer', () => {
    const r = bench('--rounds', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rounds wants a positive integer');
  });
});
