// .mapsafe.json: found by walking up from the cwd, or named by --config; validated against
// schema/mapsafe-config.schema.json; errors are one line and exit code 2; flags override it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excluder, readConfig } from '../src/config.js';
import { packageRoot } from '../src/version.js';

const bin = join(packageRoot, 'bin', 'mapsafe.js');
let tmp: string;
beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'mapsafe-config-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, '--no-cache', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cast = `package p

import "unsafe"

type header struct{ count int }

func Count(m map[string]int) int {
	h := (*header)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
	return h.count
}
`;

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

function expectConfigError(r: ReturnType<typeof run>, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^mapsafe: \S*\.mapsafe\.json: [^\n]+\n$/);
  expect(r.stderr).toMatch(message);
}

describe('.mapsafe.json', { timeout: 60_000 }, () => {
  it('rejects unknown keys, bad values, unknown rules and bad JSON with one line and exit 2', () => {
    const cases: [string, RegExp][] = [
      ['{"enabled": ["unsafe-map-cast"]}', /^mapsafe: \.mapsafe\.json: unknown key "enabled"\n$/],
      ['{"severity": {"unsafe-map-cast": "fatal"}}', /^mapsafe: \.mapsafe\.json: severity\.unsafe-map-cast: must be one of "error", "warning", "note"\n$/],
      ['{"tests": "no"}', /^mapsafe: \.mapsafe\.json: tests: must be boolean\n$/],
      ['{"disable": ["no-such-rule"]}', /^mapsafe: \.mapsafe\.json: unknown rule "no-such-rule"/],
      ['{"exclude": "gen/"}', /^mapsafe: \.mapsafe\.json: exclude: must be array\n$/],
      ['{"enable": [', /^mapsafe: \.mapsafe\.json: not valid JSON/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const dir = project(`bad${i}`, { '.mapsafe.json': text, 'a.go': cast });
      expectConfigError(run(['.'], dir), message);
    }
  });

  it('is found from a subdirectory, and --config names another', () => {
    const dir = project('walk', { '.mapsafe.json': '{"unknown": 1}', 'sub/a.go': cast, 'other.json': '{"disable": ["unsafe-map-cast"]}' });
    expectConfigError(run(['.'], join(dir, 'sub')), /^mapsafe: \.\.\/\.mapsafe\.json: unknown key "unknown"\n$/);
    const r = run(['--config', '../other.json', '--enable', 'unsafe-map-cast,cgo-hmap-offset', '.'], join(dir, 'sub'));
    expect(r.code).toBe(0);
    expect(run(['--config', 'missing.json', '.'], dir)).toMatchObject({ code: 2, stderr: 'mapsafe: missing.json: cannot read file: no such file\n' });
  });

  it('enables, disables, sets severity and excludes; flags override it', () => {
    const dir = project('apply', {
      '.mapsafe.json': JSON.stringify({
        $schema: '../schema/mapsafe-config.schema.json',
        disable: ['cgo-hmap-offset'],
        severity: { 'unsafe-map-cast': 'note' },
        exclude: ['gen/', '*_skip.go'],
        tests: false,
      }),
      'a.go': cast,
      'a_test.go': cast.replace('Count(', 'CountTest('),
      'b_skip.go': cast.replace('Count(', 'Skip('),
      'gen/g.go': cast,
    });
    const r = run(['--format', 'json', './...'], dir);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; severity: string; location: { path: string } }[] };
    expect(doc.diagnostics.map((d) => [d.location.path, d.ruleId, d.severity])).toEqual([['a.go', 'unsafe-map-cast', 'note']]);
    const flags = JSON.parse(run(['--format', 'json', '--enable', 'unsafe-map-cast', '--tests', './...'], dir).stdout) as typeof doc;
    expect(flags.diagnostics.map((d) => [d.location.path, d.ruleId, d.severity])).toEqual([
      ['a.go', 'unsafe-map-cast', 'note'],
      ['a_test.go', 'unsafe-map-cast', 'note'],
    ]);
    expect(run(['--disable', 'unsafe-map-cast', './...'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exclude patterns are relative to the config file', () => {
    const dir = project('ex', { 'gen/x.go': '' });
    writeFileSync(join(dir, '.mapsafe.json'), '{"exclude": ["/gen/", "**/*.pb.go"]}');
    const loaded = readConfig(join(dir, '.mapsafe.json'), new Set());
    const ex = excluder(loaded);
    expect([join(dir, 'gen/x.go'), join(dir, 'a/gen/x.go'), join(dir, 'a/b.pb.go'), join(dir, 'a.go'), join(tmp, 'gen/x.go')].map(ex)).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(readFileSync(join(packageRoot, 'schema', 'mapsafe-config.schema.json'), 'utf8')).toContain('"additionalProperties": false');
  });

  it('validates with the schema compiled ahead of time, up to date with the schema (npm run config:validator if not)', async () => {
    const { validatorFile, validatorSource } = (await import('../scripts/config-validator.mjs')) as { validatorFile: string; validatorSource: () => string };
    expect(readFileSync(validatorFile, 'utf8'), 'schema/mapsafe-config.validate.cjs is stale: run npm run config:validator').toBe(validatorSource());
  });
});
