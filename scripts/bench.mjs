#!/usr/bin/env node
// npm run bench -- [DIR] [--jobs N] [--rounds R] [--skip-single]
//
// Measures, on one machine in one run (so the ratios are fair), in R rounds (default 3)
// that each run every phase once, so that a machine whose speed drifts during the run
// (shared hosts do, by 10-20%) moves all phases alike; each figure is the median over
// the rounds, and each ratio the median of the rounds' own ratios:
//   parse floor  every file parsed once with the same parser and worker count, nothing else
//   cold scan    a full scan with an empty result cache
//   warm scan    the same scan again (cache hits)
//   one worker   the cold scan with --jobs 1, an empty cache of its own (for the two-worker speed-up)
//   pre-commit   5 files of one package, as a hook passes them, including Node start-up
// Each phase runs in its own Node process; peak RSS is that process's maxRSS (worker
// threads included). Prints a Markdown table to stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const jobs = Number(opt('--jobs', String(os.availableParallelism())));
const rounds = Number(opt('--rounds', '3'));
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench: --rounds wants a positive integer, not ${opt('--rounds')}`);
  process.exit(2);
}
const dir = path.resolve(args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? '/usr/share/go-1.23/src');
if (!existsSync(dir)) {
  console.error(`bench: ${dir} does not exist (install golang-1.23-src, or pass a directory)`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist', 'src', 'cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

/** Run a phase in a fresh Node process; it prints one JSON line. */
function phase(name, extra = []) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-phase.mjs'), name, dir, String(jobs), ...extra], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`phase ${name} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  // The pre-commit phase times its own child (the CLI run), not the discovery of DIR that picks its files.
  return { name, ...out, wall: out.childWall ?? wall };
}

/** One round: every phase once, in the order that keeps the warm scan next to its cold one. */
function round() {
  // The one-worker scan is a cold scan too, with an empty cache of its own: the same work
  // as the two-worker one (writing the cache included), on fewer threads.
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'mapsafe-bench-cache-'));
  const cacheDir1 = mkdtempSync(path.join(os.tmpdir(), 'mapsafe-bench-cache-'));
  const rows = [];
  try {
    rows.push(phase('parse'));
    rows.push(phase('scan', ['--cache-dir', cacheDir, '--label', 'cold scan']));
    rows.push(phase('scan', ['--cache-dir', cacheDir, '--label', 'warm scan']));
    if (!args.includes('--skip-single')) {
      rows.push(phase('parse', ['--jobs1']));
      rows.push(phase('scan', ['--cache-dir', cacheDir1, '--jobs1', '--label', 'cold scan, 1 worker']));
    }
    rows.push(phase('precommit'));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(cacheDir1, { recursive: true, force: true });
  }
  return rows;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const all = [];
for (let i = 0; i < rounds; i++) all.push(round());
// Per phase: the median wall time, the highest peak RSS, the first round's counts.
const labelOf = (r) => r.label ?? r.name;
const rows = all[0].map((first) => {
  const same = all.map((rs) => rs.find((r) => labelOf(r) === labelOf(first)));
  return { ...first, wall: median(same.map((r) => r.wall)), walls: same.map((r) => r.wall), rss: Math.max(...same.map((r) => r.rss)) };
});

const fmt = (n, d = 2) => n.toFixed(d);
console.log(`\nmapsafe bench on ${dir} (${os.cpus().length} cores, ${jobs} workers, node ${process.version}, ${rounds} round${rounds === 1 ? '' : 's'})\n`);
console.log('| phase | files | MB | wall s (median) | each round | MB/s | peak RSS MB | findings |');
console.log('|---|---:|---:|---:|---|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${labelOf(r)} | ${r.files} | ${fmt(r.mb, 1)} | ${fmt(r.wall)} | ${r.walls.map((w) => fmt(w)).join(' / ')} | ${fmt(r.mb / r.wall, 1)} | ${fmt(r.rss / 1024 / 1024, 0)} | ${r.findings ?? ''} |`);
}
const by = (l) => rows.find((r) => labelOf(r) === l);
/** A ratio of two phases: the median of each round's own ratio, and the rounds' ratios. */
const ratio = (a, b, d = 2) => {
  const each = all.map((rs) => rs.find((r) => labelOf(r) === a).wall / rs.find((r) => labelOf(r) === b).wall);
  return `${fmt(median(each), d)}${rounds > 1 ? ` (${each.map((x) => fmt(x, d)).join(' / ')})` : ''}`;
};
const cold = by('cold scan'), cold1 = by('cold scan, 1 worker'), parse1 = by('parse, 1 worker'), pre = by('pre-commit');
console.log('\n| target | measured (median of the rounds; each round) | goal |');
console.log('|---|---:|---|');
console.log(`| cold scan / parse floor (${jobs} workers) | ${ratio('cold scan', 'parse')} | <= 1.25 |`);
if (cold1) console.log(`| cold scan, 1 worker / ${jobs} workers | ${ratio('cold scan, 1 worker', 'cold scan')} | >= 1.7 |`);
if (parse1) console.log(`| parse floor, 1 worker / ${jobs} workers | ${ratio('parse, 1 worker', 'parse')} | (reference) |`);
console.log(`| cold / warm scan | ${ratio('cold scan', 'warm scan', 1)} | >= 10 |`);
console.log(`| pre-commit run (5 files, wall incl. Node start) | ${fmt(pre.wall)} s | < 0.5 s |`);
console.log(`| peak RSS, cold scan | ${fmt(cold.rss / 1024 / 1024, 0)} MB | < 1024 MB |`);
if (cold.rssSamples) console.log(`| RSS at 25/50/75/100% of files, cold scan | ${cold.rssSamples.map((x) => fmt(x / 1024 / 1024, 0)).join(' / ')} MB | flat |`);
