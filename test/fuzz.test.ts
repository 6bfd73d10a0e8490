// Property-based fuzzing, bounded to a few seconds by default. Longer runs:
//   MAPSAFE_FUZZ_RUNS=5000 MAPSAFE_FUZZ_SECONDS=600 npx vitest run test/fuzz.test.ts
// Properties: no exception escapes (scanFiles does not throw, no rule-error
// notifications) and the output is deterministic (the same input scanned twice gives
// byte-identical JSON and SARIF).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { render } from '../src/report/index.js';
import { scanFiles } from '../src/scan.js';
import { goFile, mutated } from './gen/go.js';

const runs = Number(process.env.MAPSAFE_FUZZ_RUNS ?? 40);
const seconds = Number(process.env.MAPSAFE_FUZZ_SECONDS ?? 4);
const params = { numRuns: runs, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false };
const timeout = seconds * 1000 * 3 + 30_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mapsafe-fuzz-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Scans the files, renders JSON and SARIF; fails on internal errors. */
async function scanAndRender(files: string[], overlays?: Map<string, string>): Promise<string> {
  const r = await scanFiles(files, { rules: allRules, jobs: 1, ...(overlays ? { overlays } : {}) });
  const internal = r.notifications.filter((n) => n.kind === 'rule-error');
  if (internal.length > 0) throw new Error(`rule errors: ${JSON.stringify(internal)}`);
  const source = (f: string) => overlays?.get(f) ?? readFileSync(f, 'utf8');
  const input = { diagnostics: r.diagnostics, notifications: r.notifications, cwd: tmp, source };
  return `${render('json', input)}\n${render('sarif', input, { rules: [], srcRoot: tmp })}`;
}

async function deterministic(files: string[], overlays?: Map<string, string>): Promise<void> {
  const first = await scanAndRender(files, overlays);
  const second = await scanAndRender(files, overlays);
  expect(second).toBe(first);
}

function fixtures(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  for (let d = stack.pop(); d; d = stack.pop()) {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (e.endsWith('.go')) out.push(p);
    }
  }
  return out.sort();
}

describe('fuzz', () => {
  it('generated programs: no internal error, deterministic output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(goFile, { minLength: 1, maxLength: 3 }), async (texts) => {
        const dir = join(tmp, 'gen');
        const overlays = new Map(texts.map((t, i) => [join(dir, `f${i}.go`), t]));
        await deterministic([...overlays.keys()], overlays);
      }),
      params,
    );
  }, timeout);

  it('byte-level mutations of the testdata fixtures: no internal error, deterministic output', async () => {
    const all = fixtures(join(import.meta.dirname, '..', 'testdata'));
    expect(all.length).toBeGreaterThan(0);
    const dir = join(tmp, 'mut');
    mkdirSync(dir, { recursive: true });
    const case_ = fc.nat(all.length - 1).chain((i) => mutated(readFileSync(all[i]!)).map((bytes) => ({ from: all[i]!, bytes })));
    await fc.assert(
      fc.asyncProperty(case_, async ({ bytes }) => {
        // Read from disk, so that the reader's checks (UTF-8, size) run too.
        const file = join(dir, 'a.go');
        writeFileSync(file, bytes);
        await deterministic([file]);
      }),
      params,
    );
  }, timeout);
});
