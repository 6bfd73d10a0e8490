// Sharded CI: the SARIF of --shard 1/2 and 2/2, merged by `mapsafe merge-sarif`, holds the
// same results as the unsharded run, in one valid run.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { packageRoot } from '../src/version.js';

const bin = path.join(packageRoot, 'bin', 'mapsafe.js');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: packageRoot, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const simplify = (l: Sarif.Log) => (l.runs[0]!.results ?? []).map((r) => `${r.ruleId} ${r.ruleIndex} ${JSON.stringify(r.locations)} ${r.message.text}`).sort();

describe('mapsafe merge-sarif', () => {
  it('merges shard logs into one valid run equal to the unsharded scan', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-shards-'));
    const target = 'testdata/unguarded-map-write/...';
    const whole = cli(['--no-cache', '--format', 'sarif', target]);
    expect(whole.code).toBe(1);
    const parts = [1, 2].map((k) => {
      const r = cli(['--no-cache', '--format', 'sarif', '--shard', `${k}/2`, target]);
      const file = path.join(dir, `shard${k}.sarif`);
      writeFileSync(file, r.stdout);
      return file;
    });
    const merged = cli(['merge-sarif', ...parts]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const log = JSON.parse(merged.stdout) as Sarif.Log;
    expect(log.runs).toHaveLength(1);
    expect(simplify(log)).toEqual(simplify(JSON.parse(whole.stdout) as Sarif.Log));
    const shardResults = parts.map((p) => (JSON.parse(readFileSync(p, 'utf8')) as Sarif.Log).runs[0]!.results!.length);
    expect(shardResults.every((n) => n > 0)).toBe(true);

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(path.join(packageRoot, 'node_modules', '@microsoft', 'sarif-multitool-ts', 'assets', 'sarif-2.1.0.schema.json'), 'utf8')) as object;
    const validate = ajv.compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('refuses inputs that are not SARIF, with one line and exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-shards-'));
    const bad = path.join(dir, 'bad.sarif');
    writeFileSync(bad, '{"version": "1.0"}');
    const r = cli(['merge-sarif', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a SARIF 2.1.0 log/);
    expect(cli(['merge-sarif']).code).toBe(2);
  });
});
