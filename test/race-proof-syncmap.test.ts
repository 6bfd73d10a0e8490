// Strategy 3 (switch to sync.Map) is only ever a suggestion, never applied by --fix; this
// proves on a fixture that offers it that the suggestion, applied by hand, is gofmt-clean,
// passes go vet, builds, and removes the race the race detector reports before it.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { applyFixes } from '../src/edits.js';
import { scanFiles } from '../src/scan.js';
import { testdataDir } from './harness.js';

const GO = process.env.MAPSAFE_GO ?? '/usr/lib/go-1.23/bin/go';
const GOFMT = path.join(path.dirname(GO), 'gofmt');
const haveGo = existsSync(GO);

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: 300_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

const racy = (out: string) => /WARNING: DATA RACE|concurrent map (writes|read and map write|iteration and map write)/.test(out);

describe.skipIf(!haveGo && process.env.CI !== 'true')('race proof of the sync.Map suggestion', () => {
  it('is gofmt-clean, passes vet, builds, and removes the race', async () => {
    expect(haveGo, `Go toolchain at ${GO} (CI installs it)`).toBe(true);
    const dir = path.join(testdataDir, 'unguarded-map-write', 'http_named_handler_func_global_map');
    const file = path.join(dir, 'main.go');
    const scan = await scanFiles([file], { rules: allRules.filter((r) => r.id === 'unguarded-map-write'), jobs: 1 });
    const fix = scan.diagnostics.flatMap((d) => d.fixes).find((f) => /sync\.Map/.test(f.title));
    expect(fix, 'the fixture is offered the sync.Map suggestion').toBeDefined();
    expect(fix!.safe).toBe(false);
    const before = readFileSync(file, 'utf8');
    const after = applyFixes(file, before, [fix!]).text;
    expect(after).toMatch(/sync\.Map/);

    const work = mkdtempSync(path.join(os.tmpdir(), 'mapsafe-syncmap-proof-'));
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', GOSUMDB: 'off', GOCACHE: path.join(work, 'gocache'), GOPATH: path.join(work, 'gopath'), GOTELEMETRY: 'off', CGO_ENABLED: '1' };
    const results: Record<string, boolean> = {};
    for (const [side, text] of [['before', before], ['after', after]] as const) {
      const root = path.join(work, side);
      mkdirSync(root, { recursive: true });
      copyFileSync(path.join(testdataDir, 'go.mod'), path.join(root, 'go.mod'));
      writeFileSync(path.join(root, 'main.go'), text);
      if (side === 'after') {
        const fmt = await run(GOFMT, ['-l', '.'], root, env);
        expect(fmt.out.trim(), 'gofmt -l after the suggestion').toBe('');
        const vet = await run(GO, ['vet', '.'], root, env);
        expect(vet.code, vet.out).toBe(0);
      }
      const build = await run(GO, ['build', '-race', '-o', 'prog', '.'], root, env);
      expect(build.code, build.out).toBe(0);
      let raced = false;
      for (let i = 0; i < (side === 'before' ? 5 : 2) && !raced; i++) raced = racy((await run(path.join(root, 'prog'), [], root, env)).out);
      results[side] = raced;
    }
    expect(results).toEqual({ before: true, after: false });
  }, 600_000);
});
