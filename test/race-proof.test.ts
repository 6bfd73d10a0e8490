// Proof that the safe fixes remove the races: for every fixture case with a .golden file,
// apply the fixes in a temporary module, then gofmt -l prints nothing, go vet and go build
// pass, and a -race binary of the case reports a data race (or the runtime's concurrent
// map fatal error) before the fix and never after it. Needs the Go toolchain
// (/usr/lib/go-1.23/bin/go or $MAPSAFE_GO); with CI=true a missing toolchain fails.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { applyFixes, safeFixes } from '../src/edits.js';
import { scanFiles } from '../src/scan.js';
import { fixtureCases, goFilesUnder, testdataDir } from './harness.js';

const GO = process.env.MAPSAFE_GO ?? '/usr/lib/go-1.23/bin/go';
const haveGo = existsSync(GO);
const RULES = ['unguarded-map-write', 'unguarded-map-read', 'map-write-under-rlock', 'range-in-defer'];
const rules = allRules.filter((r) => RULES.includes(r.id));

const cases = RULES.flatMap((id) => fixtureCases(id)).filter((dir) => readdirSync(dir).some((n) => n.endsWith('.go.golden')));
const work = haveGo ? mkdtempSync(path.join(os.tmpdir(), 'mapsafe-race-proof-')) : '';
const env = {
  ...process.env,
  GOFLAGS: '-mod=mod',
  GOTOOLCHAIN: 'local',
  GOPROXY: 'off',
  GOSUMDB: 'off',
  GOCACHE: path.join(work, 'gocache'),
  GOPATH: path.join(work, 'gopath'),
  GOTELEMETRY: 'off',
  CGO_ENABLED: '1',
};

interface Run { code: number; out: string }

function run(cmd: string, args: string[], cwd: string, timeout = 300_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

const racy = (r: Run) => /WARNING: DATA RACE|concurrent map (writes|read and map write|iteration and map write|clone and map write)/.test(r.out);

/** A small pool: at most `n` cases build and run at once. */
function limiter(n: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await job();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
const pool = limiter(Math.max(2, Math.min(4, os.availableParallelism())));

interface Case { name: string; slug: string; before: Map<string, string>; after: Map<string, string>; problems: string[]; kind: 'main' | 'test' | 'lib' }

/** Scan a case, apply the first safe fix of each diagnostic, compare with the .golden files. */
async function fixCase(caseDir: string): Promise<Case> {
  const name = path.relative(testdataDir, caseDir);
  const problems: string[] = [];
  const files = goFilesUnder(caseDir);
  const scan = await scanFiles(files, { rules, jobs: 1 });
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const fixes = safeFixes(scan.diagnostics.filter((d) => d.fixes.some((x) => x.edits.some((e) => e.file === f))));
    const fixed = applyFixes(f, text, fixes).text;
    before.set(path.basename(f), text);
    after.set(path.basename(f), fixed);
    if (existsSync(`${f}.golden`) && readFileSync(`${f}.golden`, 'utf8') !== fixed) problems.push(`${path.basename(f)}: fixed text differs from its .golden`);
  }
  const isMain = [...before.values()].some((t) => /^package main\b/m.test(t) && /^func main\(\)/m.test(t));
  const isTest = [...before.keys()].some((n) => n.endsWith('_test.go'));
  return { name, slug: name.replace(/[^\w]+/g, '_'), before, after, problems, kind: isMain ? 'main' : isTest ? 'test' : 'lib' };
}

/** One module holding every case as a package: one go command builds or vets them all. */
function writeModules(all: Case[]): void {
  for (const side of ['before', 'after'] as const) {
    const root = path.join(work, side);
    mkdirSync(root, { recursive: true });
    copyFileSync(path.join(testdataDir, 'go.mod'), path.join(root, 'go.mod'));
    for (const c of all) {
      mkdirSync(path.join(root, c.slug), { recursive: true });
      for (const [n, t] of c[side]) writeFileSync(path.join(root, c.slug, n), t);
    }
  }
}

/** Attribute go command output to cases by their package directory. */
function blame(all: Case[], out: string, what: string): void {
  for (const c of all) {
    const lines = out.split('\n').filter((l) => l.includes(`/${c.slug}`) || l.startsWith(`${c.slug}/`) || l.includes(`./${c.slug}`));
    if (lines.length > 0) c.problems.push(`${what}: ${lines.join('\n    ')}`);
  }
}

async function raceBinaries(side: 'before' | 'after', all: Case[]): Promise<void> {
  const root = path.join(work, side);
  const bin = path.join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  const mains = all.filter((c) => c.kind === 'main').map((c) => `./${c.slug}`);
  const r = await run(GO, ['build', '-race', '-o', `${bin}${path.sep}`, ...mains], root);
  if (r.code !== 0) blame(all, r.out, `go build -race (${side})`);
  await Promise.all(all.filter((c) => c.kind === 'test').map((c) => pool(async () => {
    const t = await run(GO, ['test', '-race', '-c', '-o', path.join(bin, c.slug), `./${c.slug}`], root);
    if (t.code !== 0) c.problems.push(`go test -race -c (${side}): ${t.out.trim()}`);
  })));
}

async function raceRuns(c: Case): Promise<{ before: boolean; after: boolean }> {
  const args = c.kind === 'test' ? ['-test.count=1'] : [];
  const bin = (side: string) => path.join(work, side, 'bin', c.slug);
  const cwd = (side: string) => path.join(work, side, c.slug);
  let before = false;
  for (let i = 0; i < 5 && !before; i++) before = racy(await run(bin('before'), args, cwd('before'), 60_000));
  let after = false;
  for (let i = 0; i < 2 && !after; i++) {
    const r = await run(bin('after'), args, cwd('after'), 60_000);
    if (racy(r)) after = true;
    else if (r.code !== 0) { c.problems.push(`fixed program failed (exit ${r.code}):\n${r.out.slice(0, 2000)}`); break; }
  }
  if (!before) c.problems.push('no race reported before the fix');
  if (after) c.problems.push('a race is still reported after the fix');
  return { before, after };
}

describe.skipIf(!haveGo && process.env.CI !== 'true')('race proof of the safe fixes', () => {
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has the Go toolchain (CI installs it)', () => {
    expect(haveGo, `no Go toolchain at ${GO}`).toBe(true);
  });

  it('proves at least 25 fixtures, every one gofmt-clean, vetted, built, racy before and race-free after', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const all: Case[] = [];
    for (const c of cases) all.push(await fixCase(c));
    writeModules(all);
    const after = path.join(work, 'after');
    const fmt = await run(path.join(path.dirname(GO), 'gofmt'), ['-l', '.'], after);
    if (fmt.code !== 0 || fmt.out.trim() !== '') blame(all, fmt.out, 'gofmt -l');
    const vet = await run(GO, ['vet', './...'], after);
    if (vet.code !== 0) blame(all, vet.out, 'go vet');
    await Promise.all([raceBinaries('before', all), raceBinaries('after', all)]);
    const runnable = all.filter((c) => c.kind !== 'lib' && c.problems.length === 0);
    const proven = (await Promise.all(runnable.map((c) => pool(() => raceRuns(c))))).filter((r) => r.before && !r.after).length;
    const failed = all.filter((c) => c.problems.length > 0).map((c) => `${c.name}:\n  ${c.problems.join('\n  ')}`);
    expect(failed.join('\n')).toBe('');
    expect(proven).toBeGreaterThanOrEqual(25);
  }, 900_000);
});
