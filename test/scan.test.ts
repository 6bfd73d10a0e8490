// The scan pipeline's speed features must never change results: skipping packages by
// text triggers, worker threads, the result cache and sharding.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { ResultCache } from '../src/cache.js';
import { workersAvailable } from '../src/pool.js';
import { scanFiles } from '../src/scan.js';
import type { ScanResult } from '../src/scan.js';
import { goFilesUnder, testdataDir } from './harness.js';

const fixtureFiles = goFilesUnder(testdataDir);
const plain = (r: ScanResult) => JSON.stringify({ d: r.diagnostics, n: r.notifications });

describe('scan pipeline', () => {
  it('gives the same results with and without trigger-based skipping, on every fixture with every rule', async () => {
    const skipped = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const full = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1, skipByTriggers: false });
    expect(full.diagnostics.length).toBeGreaterThan(50);
    expect(plain(skipped)).toBe(plain(full));
    expect(skipped.files).toBe(full.files);
  });

  it('gives the same results on worker threads as in-process', async () => {
    expect(workersAvailable(), 'npm test builds dist/ before vitest runs').toBe(true);
    const inProcess = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const workers = await scanFiles(fixtureFiles, { rules: allRules, jobs: 2, workerThreshold: 0 });
    expect(plain(workers)).toBe(plain(inProcess));
  });

  it('splits packages into disjoint shards whose union is the whole scan', async () => {
    const whole = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const shards = await Promise.all([1, 2, 3].map((index) => scanFiles(fixtureFiles, { rules: allRules, jobs: 1, shard: { index, count: 3 } })));
    expect(shards.reduce((n, s) => n + s.packages, 0)).toBe(whole.packages);
    const merged = shards.flatMap((s) => s.diagnostics);
    expect(merged.length).toBe(whole.diagnostics.length);
    expect(shards.every((s) => s.packages > 0)).toBe(true);
  });

  it('reuses cached results, and ignores and rewrites a corrupt entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-cache-'));
    const cache = new ResultCache(dir);
    const demo = goFilesUnder(path.join(testdataDir, 'demo'));
    const cold = await scanFiles(demo, { rules: allRules, jobs: 1, cache });
    const entries = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    expect(entries.length).toBe(1);
    const warm = await scanFiles(demo, { rules: allRules, jobs: 1, cache });
    expect(plain(warm)).toBe(plain(cold));
    // A corrupt entry is a miss: the package is analysed again and the entry rewritten.
    const entry = path.join(dir, entries[0]!);
    writeFileSync(entry, '{"key": "truncated');
    const again = await scanFiles(demo, { rules: allRules, jobs: 1, cache });
    expect(plain(again)).toBe(plain(cold));
    expect(existsSync(entry)).toBe(true);
    expect(cache.get(path.basename(entry, '.json'))).not.toBeNull();
  });

  it('keys the cache on file contents and on the rules that ran', () => {
    const cache = new ResultCache('/nonexistent');
    const texts = [{ path: '/x/a.go', text: 'package a\n' }];
    const k = cache.key('/x', texts, allRules, '1.23');
    expect(cache.key('/x', [{ path: '/x/a.go', text: 'package a\n\n' }], allRules, '1.23')).not.toBe(k);
    expect(cache.key('/x', texts, allRules.slice(1), '1.23')).not.toBe(k);
    expect(cache.key('/x', texts, allRules, '1.24')).not.toBe(k);
    expect(cache.key('/x', texts, allRules, '1.23')).toBe(k);
  });
});
