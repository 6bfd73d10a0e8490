// One benchmark phase in its own process (see bench.mjs). Prints one JSON line.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);

if (!isMainThread) {
  // Parse-floor worker: parse each file with the same parser mapsafe uses, delete the tree.
  const { getParser } = await import(dist('src/parser.js'));
  const parser = await getParser('go');
  for (const f of workerData.files) parser.parse(readFileSync(f, 'utf8'))?.delete();
  parentPort.postMessage('done');
} else {
  const [name, dir, jobsArg, ...rest] = process.argv.slice(2);
  const flag = (f) => rest.includes(f);
  const val = (f) => { const i = rest.indexOf(f); return i >= 0 ? rest[i + 1] : undefined; };
  const jobs = flag('--jobs1') ? 1 : Number(jobsArg);
  const { discover } = await import(dist('src/discover.js'));
  const found = await discover([`${dir}/...`], { cwd: process.cwd(), includeTests: true });
  let files = found.files;
  // Sizes from stat: reading 52 MB here would add to the phase's wall time, which is what is measured.
  const mb = (fs) => fs.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  let out;
  if (name === 'parse') {
    const shares = Array.from({ length: jobs }, () => []);
    // Same order and balance as the scan: whole directories, largest first, to the least loaded.
    const byDir = new Map();
    for (const f of files) { const d = path.dirname(f); byDir.set(d, [...(byDir.get(d) ?? []), f]); }
    const load = new Array(jobs).fill(0);
    for (const fs of [...byDir.values()].sort((a, b) => b.length - a.length)) {
      const i = load.indexOf(Math.min(...load));
      shares[i].push(...fs);
      load[i] += fs.length;
    }
    await Promise.all(shares.map((share) => new Promise((resolve, reject) => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { files: share } });
      w.once('message', () => w.terminate().then(resolve));
      w.once('error', reject);
    })));
    out = { label: jobs === 1 ? 'parse, 1 worker' : 'parse', files: files.length, mb: mb(files) };
  } else if (name === 'scan') {
    const { scanFiles } = await import(dist('src/scan.js'));
    const { allRules } = await import(dist('rules/index.js'));
    const { ResultCache } = await import(dist('src/cache.js'));
    const cacheDir = val('--cache-dir');
    const rssSamples = [];
    const marks = [0.25, 0.5, 0.75, 1];
    const r = await scanFiles(files, {
      rules: allRules,
      jobs,
      cache: cacheDir ? new ResultCache(cacheDir) : null,
      onProgress: (p) => { while (marks.length && p.directoriesDone / p.directories >= marks[0]) { marks.shift(); rssSamples.push(process.memoryUsage().rss); } },
    });
    out = { label: val('--label'), files: files.length, mb: mb(files), findings: r.diagnostics.length, rssSamples: rssSamples.length === 4 ? rssSamples : undefined };
  } else if (name === 'precommit') {
    // 5 files of the package with the most files, passed by name as pre-commit does, via the CLI.
    const byDir = new Map();
    for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
    const pick = [...byDir.values()].filter((fs) => fs.length >= 5).sort((a, b) => a.length - b.length)[Math.floor(byDir.size / 4)] ?? [...byDir.values()][0];
    files = pick.slice(0, 5);
    const { spawnSync } = await import('node:child_process');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'mapsafe.js'), '--no-cache', ...files], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    out = { label: 'pre-commit', files: files.length, mb: mb(files), findings: r.stdout.split('\n').filter((l) => /\[[a-z-]+\]$/.test(l)).length, childWall: wall };
  }
  out.rss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify(out));
}
