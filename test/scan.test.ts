// The scan pipeline's speed features must never change results: skipping packages by
// text triggers, worker threads, the result cache and sharding.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { contentHash, RESULTS_KEPT, ResultCache, textHash } from '../src/cache.js';
import { workersAvailable, workersStarted } from '../src/pool.js';
import { scanFiles } from '../src/scan.js';
import type { ScanResult } from '../src/scan.js';
import { goFilesUnder, testdataDir } from './harness.js';

const fixtureFiles = goFilesUnder(testdataDir);
const plain = (r: ScanResult) => JSON.stringify({ d: r.diagnostics, n: r.notifications, s: [...r.directives] });
/** The records of a cache directory (one per directory scanned). */
const cacheRecords = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scan pipeline', () => {
  it('gives the same results with and without trigger-based skipping, on every fixture with every rule', async () => {
    const skipped = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const full = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1, skipByTriggers: false });
    expect(full.diagnostics.length).toBeGreaterThan(50);
    expect(plain(skipped)).toBe(plain(full));
    expect(skipped.files).toBe(full.files);
  });

  it('notes invalid UTF-8 in a package it does not parse, as the parse would', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-utf8-'));
    const file = path.join(dir, 'x.go');
    writeFileSync(file, Buffer.concat([Buffer.from('package p\n\n// caf'), Buffer.from([0xe9]), Buffer.from('\nvar x = 1\n')]));
    const skipped = await scanFiles([file], { rules: allRules, jobs: 1 });
    const full = await scanFiles([file], { rules: allRules, jobs: 1, skipByTriggers: false, skipBodies: false });
    expect(skipped.notifications.map((n) => n.message)).toEqual(['invalid UTF-8 (read as U+FFFD)']);
    expect(plain(skipped)).toBe(plain(full));
  });

  it('gives the same results on worker threads as in-process', async () => {
    expect(workersAvailable(), 'npm test builds dist/ before vitest runs').toBe(true);
    const inProcess = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const workers = await scanFiles(fixtureFiles, { rules: allRules, jobs: 2, workerThreshold: 0 });
    expect(plain(workers)).toBe(plain(inProcess));
  });

  it('starts workers for a large run, at the first package to analyse, and never for a small one or a warm one', async () => {
    const demo = goFilesUnder(path.join(testdataDir, 'demo'));
    let before = workersStarted();
    // A pre-commit-sized run (3 files) stays on the main thread.
    await scanFiles(demo, { rules: allRules, jobs: 2 });
    expect(workersStarted()).toBe(before);
    // With no threshold, the workers start before the first package is read.
    await scanFiles(demo, { rules: allRules, jobs: 2, workerThreshold: 0 });
    expect(workersStarted()).toBe(before + 1);
    // A large run (about 250 files by the estimate) whose every package is cached starts none.
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-warm-'));
    const files = Array.from({ length: 250 }, (_, i) => {
      const f = path.join(dir, `d${i % 5}`, `f${i}.go`);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, `package d\n\nimport "sync"\n\nvar mu${i} sync.Mutex\n`);
      return f;
    });
    const cache = new ResultCache(path.join(dir, 'cache'), { settleMs: 0 });
    before = workersStarted();
    await scanFiles(files, { rules: allRules, jobs: 2, cache });
    expect(workersStarted()).toBe(before + 2);
    before = workersStarted();
    await scanFiles(files, { rules: allRules, jobs: 2, cache });
    expect(workersStarted()).toBe(before);
  });

  it('splits packages into disjoint shards whose union is the whole scan', async () => {
    const whole = await scanFiles(fixtureFiles, { rules: allRules, jobs: 1 });
    const shards = await Promise.all([1, 2, 3].map((index) => scanFiles(fixtureFiles, { rules: allRules, jobs: 1, shard: { index, count: 3 } })));
    expect(shards.reduce((n, s) => n + s.packages, 0)).toBe(whole.packages);
    const merged = shards.flatMap((s) => s.diagnostics);
    expect(merged.length).toBe(whole.diagnostics.length);
    expect(shards.every((s) => s.packages > 0)).toBe(true);
  });

  it('reuses cached results, and ignores and rewrites a corrupt record', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-cache-'));
    const cache = new ResultCache(dir);
    const demo = goFilesUnder(path.join(testdataDir, 'demo'));
    const cold = await scanFiles(demo, { rules: allRules, jobs: 1, cache });
    const records = cacheRecords(dir);
    expect(records.length).toBe(1);
    const warmCache = new ResultCache(dir);
    const warm = await scanFiles(demo, { rules: allRules, jobs: 1, cache: warmCache });
    expect(warmCache.counts.hits).toBe(1);
    expect(plain(warm)).toBe(plain(cold));
    // A corrupt record is a miss: the package is analysed again and the record rewritten.
    const record = path.join(dir, records[0]!);
    writeFileSync(record, '{"v": 3, "results": [{"key": "truncated');
    const missCache = new ResultCache(dir);
    const again = await scanFiles(demo, { rules: allRules, jobs: 1, cache: missCache });
    expect(missCache.counts).toMatchObject({ hits: 0, misses: 1 });
    expect(plain(again)).toBe(plain(cold));
    const hitCache = new ResultCache(dir);
    await scanFiles(demo, { rules: allRules, jobs: 1, cache: hitCache });
    expect(hitCache.counts).toMatchObject({ hits: 1, misses: 0 });
    expect(cacheRecords(dir)).toEqual(records);
  });

  it(`keeps the last ${RESULTS_KEPT} results of a directory, newest first, and no more`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-cache-'));
    const demo = goFilesUnder(path.join(testdataDir, 'demo'));
    // Each rule set is another key: the runs of a pre-commit hook and of CI with other settings, say.
    const ruleSets = Array.from({ length: RESULTS_KEPT + 1 }, (_, i) => allRules.slice(i));
    for (const rules of ruleSets) await scanFiles(demo, { rules, jobs: 1, cache: new ResultCache(dir) });
    expect(cacheRecords(dir).length).toBe(1);
    const stored = JSON.parse(readFileSync(path.join(dir, cacheRecords(dir)[0]!), 'utf8')) as { results: unknown[] };
    expect(stored.results.length).toBe(RESULTS_KEPT);
    const hits = async (rules: typeof allRules) => {
      const cache = new ResultCache(dir);
      const r = await scanFiles(demo, { rules, jobs: 1, cache });
      expect(plain(r)).toBe(plain(await scanFiles(demo, { rules, jobs: 1 })));
      return cache.counts.hits;
    };
    // The oldest went; asking for it again makes it the newest, and drops the next oldest.
    expect(await hits(ruleSets[0]!)).toBe(0);
    expect(await hits(ruleSets[0]!)).toBe(1);
    expect(await hits(ruleSets[RESULTS_KEPT]!)).toBe(1);
    expect(await hits(ruleSets[1]!)).toBe(0);
  });

  it('keys the cache on file contents and on the rules that ran', () => {
    const cache = new ResultCache('/nonexistent');
    const files = [{ path: '/x/a.go', hash: contentHash(Buffer.from('package a\n')) }];
    const k = cache.key('/x', files, allRules, '1.23');
    expect(cache.key('/x', [{ path: '/x/a.go', hash: contentHash(Buffer.from('package a\n\n')) }], allRules, '1.23')).not.toBe(k);
    expect(cache.key('/x', files, allRules.slice(1), '1.23')).not.toBe(k);
    expect(cache.key('/x', files, allRules, '1.24')).not.toBe(k);
    expect(cache.key('/y', [{ path: '/y/a.go', hash: files[0]!.hash }], allRules, '1.23')).not.toBe(k);
    expect(cache.key('/x', files, allRules, '1.23')).toBe(k);
    // A text given instead of the file (an editor buffer) never shares a hash with file bytes.
    expect(textHash('package a\n')).not.toBe(files[0]!.hash);
    expect(() => cache.key('/x', [{ path: '/x/a.go', hash: null }], allRules, '1.23')).toThrow();
  });

  describe('file index (a warm scan reads no file whose stat is unchanged)', () => {
    const racy = (n: number) => `package p\n\nvar m = map[int]int{}\n\nfunc F() {\n\tgo func() { m[${n}] = 1 }()\n\tm[${n}] = 2\n}\n`;
    const calm = (n: number) => racy(n).replace('\tgo func', '\t   func'); // no goroutine, same size
    const setup = () => {
      const root = mkdtempSync(path.join(tmpdir(), 'mapsafe-index-'));
      const src = path.join(root, 'p');
      mkdirSync(src);
      writeFileSync(path.join(src, 'a.go'), racy(1));
      writeFileSync(path.join(src, 'b.go'), 'package p\n\n//mapsafe:ignore unguarded-map-write only called before serving\nfunc G() { m[3] = 3 }\n');
      return { root, src, files: [path.join(src, 'a.go'), path.join(src, 'b.go')] };
    };

    it('trusts recorded hashes of unchanged files, and gives the same results and directives', async () => {
      const { root, files } = setup();
      await sleep(60);
      const cache = new ResultCache(path.join(root, 'cache'), { settleMs: 30 });
      const cold = await scanFiles(files, { rules: allRules, jobs: 1, cache });
      expect(cold.diagnostics.length).toBeGreaterThan(0);
      expect(cold.directives.get(files[1]!)?.length).toBe(1);
      expect(cache.counts).toMatchObject({ hits: 0, misses: 1, filesHashed: 2, filesTrusted: 0 });
      const warmCache = new ResultCache(path.join(root, 'cache'), { settleMs: 30 });
      const warm = await scanFiles(files, { rules: allRules, jobs: 1, cache: warmCache });
      expect(warmCache.counts).toMatchObject({ hits: 1, misses: 0, filesHashed: 0, filesTrusted: 2 });
      expect(plain(warm)).toBe(plain(cold));
    });

    it('reads a file again when it changed with the same size and its mtime restored', async () => {
      const { root, files } = setup();
      await sleep(60);
      const opts = { settleMs: 30 };
      const first = await scanFiles(files, { rules: allRules, jobs: 1, cache: new ResultCache(path.join(root, 'cache'), opts) });
      expect(first.diagnostics.some((d) => d.location.file === files[0])).toBe(true);
      // Same size, same inode, mtime restored to the nanosecond (touch -r): only ctime tells.
      const ref = path.join(root, 'ref');
      writeFileSync(ref, '');
      execFileSync('touch', ['-r', files[0]!, ref]);
      const before = statSync(files[0]!, { bigint: true });
      writeFileSync(files[0]!, calm(1));
      execFileSync('touch', ['-r', ref, files[0]!]);
      const after = statSync(files[0]!, { bigint: true });
      expect([after.size, after.ino, after.dev, after.mtimeNs]).toEqual([before.size, before.ino, before.dev, before.mtimeNs]);
      expect(after.ctimeNs).not.toBe(before.ctimeNs);
      const cache = new ResultCache(path.join(root, 'cache'), opts);
      const second = await scanFiles(files, { rules: allRules, jobs: 1, cache });
      // a.go is read for its new stamp; b.go is trusted, then read too since the package is analysed again.
      expect(cache.counts).toMatchObject({ filesTrusted: 1, filesHashed: 2, hits: 0, misses: 1 });
      expect(second.diagnostics.some((d) => d.location.file === files[0])).toBe(false);
      expect(plain(second)).toBe(plain(await scanFiles(files, { rules: allRules, jobs: 1 })));
    });

    it('does not record files modified just before they were read (the same timestamp tick could hide a later change)', async () => {
      const { root, files } = setup();
      const dir = path.join(root, 'cache');
      // The files were written just now: well inside a one-minute window (the default is 2 s).
      await scanFiles(files, { rules: allRules, jobs: 1, cache: new ResultCache(dir, { settleMs: 60_000 }) });
      const cache = new ResultCache(dir, { settleMs: 60_000 });
      await scanFiles(files, { rules: allRules, jobs: 1, cache });
      expect(cache.counts).toMatchObject({ hits: 1, filesTrusted: 0, filesHashed: 2 });
    });

    it('drops what has the wrong shape in a record, and rewrites it', async () => {
      const { root, files } = setup();
      await sleep(60);
      const dir = path.join(root, 'cache');
      const cold = await scanFiles(files, { rules: allRules, jobs: 1, cache: new ResultCache(dir, { settleMs: 30 }) });
      expect(cacheRecords(dir).length).toBe(1);
      const record = path.join(dir, cacheRecords(dir)[0]!);
      const good = JSON.parse(readFileSync(record, 'utf8')) as { files: Record<string, unknown>; results: Array<{ result: unknown }> };
      const cases: Array<[string, { hits: number; filesHashed: number }]> = [
        // A bad file entry: that file is read again; the result still serves.
        [JSON.stringify({ ...good, files: { ...good.files, 'a.go': ['x', 1] } }), { hits: 1, filesHashed: 1 }],
        // A bad result: a miss, and both files read for the analysis (their hashes still trusted).
        [JSON.stringify({ ...good, results: [{ ...good.results[0], result: 5 }] }), { hits: 0, filesHashed: 2 }],
        // Not a record at all: everything is read again.
        ['{"v":3,"files":', { hits: 0, filesHashed: 2 }],
      ];
      for (const [garbage, counts] of cases) {
        writeFileSync(record, garbage);
        const cache = new ResultCache(dir, { settleMs: 30 });
        const again = await scanFiles(files, { rules: allRules, jobs: 1, cache });
        expect(plain(again)).toBe(plain(cold));
        expect(cache.counts).toMatchObject(counts);
        const rewritten = JSON.parse(readFileSync(record, 'utf8')) as typeof good;
        expect(Object.keys(rewritten.files)).toEqual(['a.go', 'b.go']);
        expect(rewritten.results.length).toBe(1);
      }
    });
  });
});
