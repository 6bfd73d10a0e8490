#!/usr/bin/env node
// Runs mapsafe over the Go race detector's own tests (runtime/race/testdata)
// and prints a per-test table: which TestRace* race on a map, which tests got
// findings, recall on the map-racing tests and false alarms everywhere else.
//
//   node scripts/race-table.mjs [--go-src /usr/share/go-1.23/src] [--mapsafe bin/mapsafe.js] [--markdown]
//
// The six files are copied together into one temporary directory, because they
// are one package (race_test) and mapsafe analyses a directory as a package.
// Nothing from the Go sources is written into this repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const goSrc = opt('--go-src', '/usr/share/go-1.23/src');
const mapsafe = resolve(opt('--mapsafe', join(here, '..', 'bin', 'mapsafe.js')));
const markdown = args.includes('--markdown');

const FILES = [
  'map_test.go',
  'mop_test.go',
  'regression_test.go',
  'mutex_test.go',
  'rwmutex_test.go',
  'waitgroup_test.go',
];

// Every TestRace* in the six files that races ON A MAP (a map's contents are
// read / written / ranged / deleted / len'd by two goroutines without order),
// derived by reading the test bodies, not from mapsafe's output.
// Any TestRace* not listed here races on something else (a variable holding a
// map, a key or value struct copied in/out of a map, plain ints, ...).
const MAP_RACES = {
  TestRaceMapRW: 'goroutine reads m[1], main writes m[1] = 1',
  TestRaceMapRW2: 'goroutine comma-ok reads m[1], main writes m[1] = 1',
  TestRaceMapRWArray: 'goroutine reads m[1][1], main writes m[2]',
  TestRaceMapRange: 'goroutine ranges over m, main writes m[1]',
  TestRaceMapRange2: 'goroutine ranges over m, main writes m[1]',
  TestRaceMapLen: 'goroutine len(m), main writes m[""]',
  TestRaceMapDelete: 'goroutine delete(m, ""), main writes m[""]',
  TestRaceMapLenDelete: 'goroutine delete(m, "a"), main len(m)',
  TestRaceCaseIssue6418: 'goroutine writes inner map m["a"]["x"], main reads m["a"]["b"] in a switch',
  TestRaceCaseTypeIssue5890: 'goroutine reads inner map m[0][1] in a type switch, main writes m[0][1]',
  TestRaceCrawl: 'recursive crawl goroutines read and write seen[u] concurrently',
  TestRaceUnaddressableMapLen: 'goroutine len(m[0]), main writes the inner map m[0][0]',
};

// Why the TestRace* that touch maps are NOT map races (for the record).
const NOT_MAP = {
  TestRaceMapVariable: 'both goroutines reassign the variable m (variable race, map contents untouched)',
  TestRaceMapVariable2: 'goroutine writes into the old map via m, main reassigns the variable m: the race is on m',
  TestRaceMapVariable3: 'goroutine reads the old map via m, main reassigns the variable m: the race is on m',
  TestRaceMapLookupPartKey: 'race on the key struct *k; map only used by main',
  TestRaceMapLookupPartKey2: 'race on the key struct *k; map only used by main',
  TestRaceMapDeletePartKey: 'race on the key struct *k; map only used by main',
  TestRaceMapInsertPartKey: 'race on the key struct *k; map only used by main',
  TestRaceMapInsertPartVal: 'race on the value struct *v; map only used by main',
  TestRaceMapAssignMultipleReturn: 'race on the slice element conns[1][0] and err; the map is only read by both',
  TestRaceMapBigKeyAccess1: 'race on the key array k; map only used by the goroutine',
  TestRaceMapBigKeyAccess2: 'race on the key array k; map only used by the goroutine',
  TestRaceMapBigKeyInsert: 'race on the key array k; map only used by the goroutine',
  TestRaceMapBigKeyDelete: 'race on the key array k; map only used by the goroutine',
  TestRaceMapBigValInsert: 'race on the value struct v; map only used by the goroutine',
  TestRaceMapBigValAccess1: 'race on the variable v; map only used by the goroutine',
  TestRaceMapBigValAccess2: 'race on the variable v; map only used by the goroutine',
  TestRaceMapInit: 'race on y used as a composite-literal key; map is local to main',
  TestRaceMapInit2: 'race on y used as a composite-literal value; map is local to main',
};

// The commit the measured engine was built from: a COMMIT file next to a
// snapshot's bin/ (written when the snapshot was copied), else git.
export function engineCommit(cli) {
  const root = dirname(dirname(cli));
  try {
    return readFileSync(join(root, 'COMMIT'), 'utf8').trim();
  } catch {}
  try {
    return execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  return '';
}

// Top-level functions and their line ranges: `func` at column 0 up to the
// first following line that is exactly `}`.
function functions(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^func\s+(?:\([^)]*\)\s*)?(\w+)/.exec(lines[i]);
    if (!m) continue;
    let end = i;
    if (!/}\s*$/.test(lines[i]) || /{\s*$/.test(lines[i])) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j] === '}') { end = j; break; }
      }
    }
    out.push({ name: m[1], start: i + 1, end: end + 1 });
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'race-table-'));
try {
  const tests = [];
  for (const f of FILES) {
    const src = join(goSrc, 'runtime', 'race', 'testdata', f);
    copyFileSync(src, join(dir, f));
    for (const fn of functions(readFileSync(src, 'utf8'))) {
      if (/^Test/.test(fn.name)) tests.push({ ...fn, file: f, findings: [] });
    }
  }
  const t0 = Date.now();
  const run = spawnSync(process.execPath, [mapsafe, '--no-cache', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = Date.now() - t0;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    throw new Error(`mapsafe exited ${run.status}`);
  }
  const report = JSON.parse(run.stdout);
  const outside = [];
  for (const d of report.diagnostics) {
    const file = d.location.path.split('/').pop();
    const line = d.location.startLine;
    const t = tests.find((x) => x.file === file && x.start <= line && line <= x.end);
    if (t) t.findings.push(d);
    else outside.push(d);
  }
  for (const name of Object.keys(MAP_RACES)) {
    if (!tests.some((t) => t.name === name)) throw new Error(`MAP_RACES names a missing test: ${name}`);
  }

  const kind = (t) =>
    MAP_RACES[t.name] ? 'map' : /^TestRace/.test(t.name) ? 'race-other' : /^TestNoRace/.test(t.name) ? 'norace' : 'other';
  const rows = tests.map((t) => ({
    test: t.name,
    file: t.file,
    map: MAP_RACES[t.name] ? 'y' : 'n',
    n: t.findings.length,
    rules: [...new Set(t.findings.map((d) => d.ruleId))].sort().join(', '),
    kind: kind(t),
    why: MAP_RACES[t.name] ?? NOT_MAP[t.name] ?? '',
  }));
  const mapRows = rows.filter((r) => r.kind === 'map');
  const found = mapRows.filter((r) => r.n > 0);
  const noRace = rows.filter((r) => r.kind === 'norace');
  const raceOther = rows.filter((r) => r.kind === 'race-other');
  const other = rows.filter((r) => r.kind === 'other');
  const alarms = (rs) => rs.filter((r) => r.n > 0);
  const version = engineCommit(mapsafe);

  const totals = [
    `mapsafe ${report.version ?? ''} (commit ${version || '?'}), ${FILES.length} files, ${tests.length} Test functions, ${report.diagnostics.length} findings, ${wall} ms`,
    `recall: map-racing TestRace* with a finding: ${found.length}/${mapRows.length}` +
      (mapRows.length > found.length ? ` (missed: ${mapRows.filter((r) => r.n === 0).map((r) => r.test).join(', ')})` : ''),
    `false alarms: TestNoRace* with a finding: ${alarms(noRace).length}/${noRace.length}` +
      (alarms(noRace).length ? ` (${alarms(noRace).map((r) => r.test).join(', ')})` : ''),
    `false alarms: non-map TestRace* with a finding: ${alarms(raceOther).length}/${raceOther.length}` +
      (alarms(raceOther).length ? ` (${alarms(raceOther).map((r) => r.test).join(', ')})` : ''),
    `other Test* with a finding: ${alarms(other).length}/${other.length}`,
    `findings outside any Test function: ${outside.length}` +
      (outside.length ? ` (${outside.map((d) => `${d.location.path.split('/').pop()}:${d.location.startLine} ${d.ruleId}`).join('; ')})` : ''),
  ];

  if (markdown) {
    console.log('| test | file | map race? | findings inside | rules | note |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      const flag = r.map === 'y' ? (r.n ? '' : ' **MISS**') : r.n ? ' **FALSE ALARM**' : '';
      console.log(`| ${r.test} | ${r.file} | ${r.map} | ${r.n}${flag} | ${r.rules} | ${r.why} |`);
    }
    console.log('');
    for (const l of totals) console.log(`- ${l}`);
  } else {
    const w = Math.max(...rows.map((r) => r.test.length));
    console.log(`${'test'.padEnd(w)}  ${'file'.padEnd(18)}  map  n  rules`);
    for (const r of rows) {
      const flag = r.map === 'y' ? (r.n ? '' : '  <- MISS') : r.n ? '  <- FALSE ALARM' : '';
      console.log(`${r.test.padEnd(w)}  ${r.file.padEnd(18)}  ${r.map}    ${String(r.n).padEnd(2)} ${r.rules}${flag}`);
    }
    console.log('');
    for (const l of totals) console.log(l);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
