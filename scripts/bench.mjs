#!/usr/bin/env node
// npm run bench -- [DIR] [--jobs N] [--skip-single]
//
// Measures, on one machine in one run (so the ratios are fair):
//   parse floor  every file parsed once with the same parser and worker count, nothing else
//   cold scan    a full scan with an empty result cache
//   warm scan    the same scan again (cache hits)
//   one worker   the cold scan with --jobs 1 (for the two-worker speed-up)
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

const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'mapsafe-bench-cache-'));
const rows = [];
try {
  rows.push(phase('parse'));
  rows.push(phase('scan', ['--cache-dir', cacheDir, '--label', 'cold scan']));
  rows.push(phase('scan', ['--cache-dir', cacheDir, '--label', 'warm scan']));
  if (!args.includes('--skip-single')) {
    rows.push(phase('parse', ['--jobs1']));
    rows.push(phase('scan', ['--no-cache', '--jobs1', '--label', 'cold scan, 1 worker']));
  }
  rows.push(phase('precommit'));
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}

const fmt = (n, d = 2) => n.toFixed(d);
console.log(`\nmapsafe bench on ${dir} (${os.cpus().length} cores, ${jobs} workers, node ${process.version})\n`);
console.log('| phase | files | MB | wall s | MB/s | peak RSS MB | findings |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const label = r.label ?? r.name;
  console.log(`| ${label} | ${r.files} | ${fmt(r.mb, 1)} | ${fmt(r.wall)} | ${fmt(r.mb / r.wall, 1)} | ${fmt(r.rss / 1024 / 1024, 0)} | ${r.findings ?? ''} |`);
}
const by = (l) => rows.find((r) => (r.label ?? r.name) === l);
const parse = by('parse'), cold = by('cold scan'), warm = by('warm scan');
const parse1 = by('parse, 1 worker'), cold1 = by('cold scan, 1 worker'), pre = by('pre-commit');
console.log('\n| target | measured | goal |');
console.log('|---|---:|---|');
console.log(`| cold scan / parse floor (${jobs} workers) | ${fmt(cold.wall / parse.wall)} | <= 1.25 |`);
if (cold1) console.log(`| cold scan, 1 worker / ${jobs} workers | ${fmt(cold1.wall / cold.wall)} | >= 1.7 |`);
if (parse1) console.log(`| parse floor, 1 worker / ${jobs} workers | ${fmt(parse1.wall / parse.wall)} | (reference) |`);
console.log(`| cold / warm scan | ${fmt(cold.wall / warm.wall, 1)} | >= 10 |`);
console.log(`| pre-commit run (5 files, wall incl. Node start) | ${fmt(pre.wall)} s | < 0.5 s |`);
console.log(`| peak RSS, cold scan | ${fmt(cold.rss / 1024 / 1024, 0)} MB | < 1024 MB |`);
if (cold.rssSamples) console.log(`| RSS at 25/50/75/100% of files, cold scan | ${cold.rssSamples.map((x) => fmt(x / 1024 / 1024, 0)).join(' / ')} MB | flat |`);
