#!/usr/bin/env node
// Precision sampling on real Go code.
//
// 1. scan (or read earlier scans) and draw the sample:
//      node scripts/precision-sample.mjs [--mapsafe bin/mapsafe.js] [--src /usr/share/gocode/src]
//             [--from DIR] [--save DIR] [--max 50] [--seed mapsafe-precision-1] [--only a,b]
//    Runs `mapsafe --no-cache --format json <root>/...` for every package in
//    PACKAGES (or reads DIR/<name>.json written by an earlier --save), prints
//    findings per package and rule, and a deterministic sample of at most
//    --max findings per package (seeded by --seed and the package name), as
//    markdown rows `| package | file:line | rule | verdict | reason |` with the
//    verdict left blank (the sample is a hash-ranked, seeded selection that
//    stays put when other findings come and go), to be classified by reading the Go source.
//
// 2. summarise a classified list:
//      node scripts/precision-sample.mjs --from DIR --summarize docs/precision.md
//    Reads the classified rows back from docs/precision.md (verdict = true,
//    false or unsure), checks that they are exactly the sample drawn from the
//    scans in DIR, and prints the per-package / per-rule / overall tables.
//
// Nothing from the scanned packages is written into this repository.
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const mapsafe = resolve(opt('--mapsafe', join(here, '..', 'bin', 'mapsafe.js')));
const srcRoot = opt('--src', '/usr/share/gocode/src');
const from = opt('--from', null);
const save = opt('--save', null);
const MAX = Number(opt('--max', '50'));
const SEED = opt('--seed', 'mapsafe-precision-1');
const summarize = opt('--summarize', null);
const only = opt('--only', null)?.split(',');

// name -> import path of the scanned root (Debian golang-*-dev packages).
// etcd: Debian's golang-etcd-server-dev ships the 3.4 tree at go.etcd.io/etcd
// (etcdserver, mvcc, lease, auth, ...); there is no separate server/ module.
export const PACKAGES = [
  ['docker', 'github.com/docker/docker'],
  ['containerd', 'github.com/containerd/containerd'],
  ['etcd', 'go.etcd.io/etcd'],
  ['client_golang', 'github.com/prometheus/client_golang'],
  ['raft', 'github.com/hashicorp/raft'],
  ['memberlist', 'github.com/hashicorp/memberlist'],
  ['nats-server', 'github.com/nats-io/nats-server'],
  ['grpc', 'google.golang.org/grpc'],
  ['syncthing', 'github.com/syncthing/syncthing'],
  ['minio-go', 'github.com/minio/minio-go'],
  // Added for issue #3 (more real concurrency, so that every rule gets enough verdicts).
  ['rclone', 'github.com/rclone/rclone'],
  ['victoriametrics', 'github.com/VictoriaMetrics/VictoriaMetrics'],
  ['snapd', 'github.com/snapcore/snapd'],
  ['influxdb', 'github.com/influxdata/influxdb'],
  ['quic-go', 'github.com/lucas-clemente/quic-go'],
  ['gvisor', 'gvisor.dev/gvisor/pkg'],
  ['x-tools', 'golang.org/x/tools'],
  ['alertmanager', 'github.com/prometheus/alertmanager'],
  ['sarama', 'github.com/Shopify/sarama'],
  ['serf', 'github.com/hashicorp/serf'],
  ['badger', 'github.com/dgraph-io/badger'],
  ['ristretto', 'github.com/dgraph-io/ristretto'],
  ['yamux', 'github.com/hashicorp/yamux'],
  ['go-plugin', 'github.com/hashicorp/go-plugin'],
  ['redigo', 'github.com/gomodule/redigo'],
  ['go-kit', 'github.com/go-kit/kit'],
  ['mongo-driver', 'go.mongodb.org/mongo-driver'],
  ['aws-sdk-go', 'github.com/aws/aws-sdk-go'],
];

// FNV-1a 32-bit, then mulberry32.
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (f) => `${f.pkg}|${f.loc}|${f.rule}`;
const byLoc = (a, b) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

function findings(name, importPath, root) {
  let report;
  let wall = null;
  if (from) {
    report = JSON.parse(readFileSync(join(from, `${name}.json`), 'utf8'));
  } else {
    const t0 = Date.now();
    const run = spawnSync(process.execPath, [mapsafe, '--no-cache', '--format', 'json', `${root}/...`], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    wall = Date.now() - t0;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${name}: mapsafe exited ${run.status}\n${run.stderr}`);
    if (save) {
      mkdirSync(save, { recursive: true });
      writeFileSync(join(save, `${name}.json`), run.stdout);
    }
    report = JSON.parse(run.stdout);
  }
  const list = report.diagnostics.map((d) => {
    // paths are relative to the scan's working directory: cut at the import path
    const abs = resolve(d.location.path);
    const at = abs.indexOf(`/${importPath}/`);
    const file = at >= 0 ? abs.slice(at + importPath.length + 2) : relative(root, abs);
    return { pkg: name, file, line: d.location.startLine, col: d.location.startColumn, rule: d.ruleId, loc: `${file}:${d.location.startLine}`, message: d.message };
  });
  // One row per (file:line, rule): several findings on one line are one site.
  const seen = new Map();
  for (const f of list.sort(byLoc)) if (!seen.has(key(f))) seen.set(key(f), f);
  return { all: [...seen.values()], wall };
}

// Deterministic and stable: every finding gets a pseudo-random rank from a
// hash of (seed, package, file:line, rule) and the MAX lowest ranks are kept.
// A finding's rank never depends on the other findings, so when the engine
// adds or drops a few findings the rest of the sample stays the same (a
// seeded shuffle of the whole list would reshuffle everything).
function sample(name, all) {
  if (all.length <= MAX) return all.slice();
  const rank = (f) => rng(hash(`${SEED}:${name}:${f.loc}:${f.rule}`))();
  return all
    .map((f) => [rank(f), f])
    .sort((a, b) => a[0] - b[0] || byLoc(a[1], b[1]))
    .slice(0, MAX)
    .map(([, f]) => f)
    .sort(byLoc);
}

const results = [];
for (const [name, importPath] of PACKAGES) {
  if (only && !only.includes(name)) continue;
  const root = join(srcRoot, importPath);
  if (!existsSync(root)) {
    console.error(`skip ${name}: ${root} not found`);
    continue;
  }
  const { all, wall } = findings(name, importPath, root);
  results.push({ name, all, picked: sample(name, all), wall });
}

const rules = (fs) => {
  const c = {};
  for (const f of fs) c[f.rule] = (c[f.rule] ?? 0) + 1;
  return c;
};

if (!summarize) {
  for (const r of results) {
    console.log(`# ${r.name}: ${r.all.length} findings (${JSON.stringify(rules(r.all))}), sampled ${r.picked.length}` + (r.wall != null ? `, ${r.wall} ms` : ''));
  }
  console.log('');
  console.log('| package | file:line | rule | verdict | reason |');
  console.log('|---|---|---|---|---|');
  for (const r of results) for (const f of r.picked) console.log(`| ${r.name} | ${f.loc} | ${f.rule} |  | ${f.message.replace(/\|/g, '\\|')} |`);
  process.exit(0);
}

// --summarize: read verdicts back from the markdown list.
const verdicts = new Map();
for (const line of readFileSync(summarize, 'utf8').split('\n')) {
  const m = /^\|\s*([\w.-]+)\s*\|\s*`?([^|`]+?:\d+)`?\s*\|\s*([\w-]+)\s*\|\s*\**(true|false|unsure)\**\s*\|/.exec(line);
  if (m) verdicts.set(`${m[1]}|${m[2]}|${m[3]}`, m[4]);
}
const missing = [];
const rows = [];
for (const r of results) {
  for (const f of r.picked) {
    const v = verdicts.get(key(f));
    if (!v) missing.push(key(f));
    rows.push({ ...f, verdict: v ?? 'unclassified' });
  }
}
const stale = [...verdicts.keys()].filter((k) => !rows.some((f) => key(f) === k));
const pct = (t, f) => (t + f ? `${((100 * t) / (t + f)).toFixed(1)}%` : 'n/a');
const count = (rs, v) => rs.filter((x) => x.verdict === v).length;
const line = (label, nAll, rs) =>
  `| ${label} | ${nAll} | ${rs.length} | ${count(rs, 'true')} | ${count(rs, 'false')} | ${count(rs, 'unsure')} | ${pct(count(rs, 'true'), count(rs, 'false'))} |`;

let head = '| package | findings | sampled | true | false | unsure | precision |\n|---|---|---|---|---|---|---|';
console.log(head);
for (const r of results) console.log(line(r.name, r.all.length, rows.filter((x) => x.pkg === r.name)));
const allFindings = results.flatMap((r) => r.all);
console.log(line('**all**', allFindings.length, rows));
console.log('');
console.log(head.replace('package', 'rule'));
const ruleIds = [...new Set(allFindings.map((f) => f.rule))].sort();
for (const id of ruleIds) console.log(line(id, allFindings.filter((f) => f.rule === id).length, rows.filter((x) => x.rule === id)));
console.log('');
console.log('| package | rule | findings | sampled | true | false | unsure | precision |\n|---|---|---|---|---|---|---|---|');
for (const r of results) {
  for (const id of ruleIds) {
    const nAll = r.all.filter((f) => f.rule === id).length;
    if (!nAll) continue;
    const rs = rows.filter((x) => x.pkg === r.name && x.rule === id);
    console.log(`| ${r.name} | ${id} | ${nAll} | ${rs.length} | ${count(rs, 'true')} | ${count(rs, 'false')} | ${count(rs, 'unsure')} | ${pct(count(rs, 'true'), count(rs, 'false'))} |`);
  }
}
if (missing.length) console.error(`\n${missing.length} sampled findings have no verdict:\n  ${missing.join('\n  ')}`);
if (stale.length) console.error(`\n${stale.length} verdicts are not in the current sample:\n  ${stale.join('\n  ')}`);
let commit = '';
const root = dirname(dirname(mapsafe));
try {
  commit = readFileSync(join(root, 'COMMIT'), 'utf8').trim();
} catch {
  try {
    commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
}
console.error(`\n(engine: ${mapsafe}, commit ${commit || '?'}; scans ${from ?? 'run now'})`);
