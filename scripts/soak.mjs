#!/usr/bin/env node
// Soak: scan large real trees with the built analyzer and report what went wrong.
//
//   npm run soak -- [--jobs N] [--json FILE] [--markdown FILE] DIR... [--deb PACKAGE...]
//
// DIR is scanned like `mapsafe DIR/...`; `--deb NAME` scans the .go files an installed
// Debian package ships (from `dpkg -L`, testdata and vendor left out). Each corpus runs in
// its own child process (a crash stays in its row) with no result cache. Per corpus:
// files, packages, findings by rule, notifications by kind, internal errors (rule-error
// notifications, a child that throws or dies), wall time and peak RSS of the child
// (process.resourceUsage().maxRSS, worker threads included). Needs `npm run build`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else await parent(process.argv.slice(2));

async function parent(args) {
  if (!existsSync(dist('src/scan.js'))) fail('dist/ is missing: run `npm run build` first');
  const corpora = [];
  let jobs;
  let jsonOut;
  let markdownOut;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--jobs') jobs = Number(args[++i]);
    else if (a === '--json') jsonOut = args[++i];
    else if (a === '--markdown') markdownOut = args[++i];
    else if (a === '--deb') {
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) corpora.push({ name: args[++i], deb: args[i] });
    } else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else corpora.push({ name: a, dir: path.resolve(a) });
  }
  if (corpora.length === 0) fail('usage: npm run soak -- [--jobs N] [--json FILE] DIR... [--deb PACKAGE...]');
  const rows = [];
  for (const c of corpora) {
    const row = await runChild({ ...c, jobs });
    rows.push(row);
    const top = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
    process.stdout.write(`${row.name}: ${row.files} files, ${(row.bytes / 1e6).toFixed(1)} MB, findings ${top(row.findings)}, notifications ${top(row.notifications)}, internal errors ${row.internalErrors.length}, ${row.wallSeconds.toFixed(1)} s, peak RSS ${row.peakRssMB} MB\n`);
    for (const e of row.internalErrors.slice(0, 5)) process.stdout.write(`  internal error: ${e}\n`);
  }
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const total = {
    corpora: rows.length,
    files: sum('files'),
    bytes: sum('bytes'),
    internalErrors: sum('internalErrorCount'),
    wallSeconds: Number(sum('wallSeconds').toFixed(1)),
    peakRssMB: Math.max(...rows.map((r) => r.peakRssMB)),
  };
  process.stdout.write(`total: ${total.corpora} corpora, ${total.files} files, ${(total.bytes / 1e6).toFixed(1)} MB, internal errors ${total.internalErrors}, ${total.wallSeconds} s, max peak RSS ${total.peakRssMB} MB\n`);
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ total, rows }, null, 2)}\n`);
  if (markdownOut) writeFileSync(markdownOut, markdown(rows, total));
  process.exitCode = total.internalErrors > 0 ? 1 : 0;
}

/** The results table of docs/soak.md. */
function markdown(rows, total) {
  const kv = (o) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
  const lines = [
    '| corpus | files | MB | findings by rule | notifications by kind | internal errors | wall s | peak RSS MB |',
    '|---|---:|---:|---|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.files} | ${(r.bytes / 1e6).toFixed(1)} | ${kv(r.findings)} | ${kv(r.notifications)} | ${r.internalErrorCount} | ${r.wallSeconds.toFixed(1)} | ${r.peakRssMB} |`),
    `| **total** (${total.corpora} corpora) | ${total.files} | ${(total.bytes / 1e6).toFixed(1)} | ${kv(sumOf(rows, 'findings'))} | ${kv(sumOf(rows, 'notifications'))} | ${total.internalErrors} | ${total.wallSeconds} | max ${total.peakRssMB} |`,
  ];
  return `${lines.join('\n')}\n`;
}

function sumOf(rows, key) {
  const out = {};
  for (const r of rows) for (const [k, v] of Object.entries(r[key])) out[k] = (out[k] ?? 0) + v;
  return out;
}

function fail(message) {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
}

/** The .go files of an installed Debian package, as discover would keep them. */
function debFiles(name) {
  const listed = execFileSync('dpkg', ['-L', name], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  return listed.filter((f) => f.endsWith('.go') && !f.split('/').some((s) => s === 'testdata' || s === 'vendor' || s.startsWith('.') || s.startsWith('_')) && existsSync(f));
}

function runChild(corpus) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(corpus)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('close', (code, signal) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      let row;
      try {
        row = JSON.parse(out);
      } catch {
        row = { files: 0, bytes: 0, packages: 0, findings: {}, notifications: {}, internalErrors: [], peakRssMB: 0 };
        row.internalErrors.push(`child exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
      }
      resolve({ name: corpus.name, ...row, internalErrorCount: row.internalErrors.length, wallSeconds });
    });
  });
}

async function child(corpus) {
  const { allRules } = await import(dist('rules/index.js'));
  const { discover } = await import(dist('src/discover.js'));
  const { scanFiles } = await import(dist('src/scan.js'));
  const { render } = await import(dist('src/report/index.js'));
  const { readFileSync, statSync } = await import('node:fs');
  const internalErrors = [];
  let files = [];
  if (corpus.deb) files = debFiles(corpus.deb);
  else {
    const found = await discover([`${corpus.dir}/...`], { cwd: corpus.dir, includeTests: true });
    files = found.files;
  }
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const findings = {};
  const notifications = {};
  let result;
  try {
    result = await scanFiles(files, { rules: allRules, cache: null, ...(corpus.jobs ? { jobs: corpus.jobs } : {}) });
    // The reporter runs too: it must not throw on anything the scan produced.
    render('json', { diagnostics: result.diagnostics, notifications: result.notifications, cwd: '/', source: (f) => readFileSync(f, 'utf8') });
  } catch (e) {
    internalErrors.push(`scan threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  for (const d of result?.diagnostics ?? []) findings[d.ruleId] = (findings[d.ruleId] ?? 0) + 1;
  for (const n of result?.notifications ?? []) {
    notifications[n.kind] = (notifications[n.kind] ?? 0) + 1;
    if (n.kind === 'rule-error') internalErrors.push(`${n.file}: ${n.message}`);
  }
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ files: files.length, bytes, packages: result?.packages ?? 0, findings, notifications, internalErrors, peakRssMB }));
}
