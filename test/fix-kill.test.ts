// --fix must never leave a half-written file: killed in the middle of a run, every file is
// either its old content or its fixed content. And a read-only file is left untouched.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/version.js';

const bin = path.join(packageRoot, 'bin', 'mapsafe.js');
const fixture = path.join(packageRoot, 'testdata', 'unguarded-map-read', 'go_closure_reads_while_parent_writes');
const before = readFileSync(path.join(fixture, 'main.go'), 'utf8');
const after = readFileSync(path.join(fixture, 'main.go.golden'), 'utf8');

function copies(n: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-kill-'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, `p${String(i).padStart(4, '0')}`);
    cpSync(path.join(fixture, 'main.go'), path.join(d, 'main.go'), { recursive: true });
    files.push(path.join(d, 'main.go'));
  }
  return { dir, files };
}

describe('--fix writes safely', () => {
  it('leaves every file either old or new when the process is killed mid-run', async () => {
    expect(before).not.toBe(after);
    const { dir, files } = copies(400);
    const child = spawn(process.execPath, [bin, '--fix', '--no-cache', '--jobs', '1', `${dir}/...`], { stdio: 'ignore' });
    // Kill it as soon as the first file has been rewritten.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (files.some((f) => readFileSync(f, 'utf8') !== before) || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    await new Promise((r) => child.once('exit', r));
    let fixed = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect([before, after], f).toContain(text);
      if (text === after) fixed++;
    }
    expect(fixed).toBeGreaterThan(0);
    // Leftovers of an interrupted write are hidden temporary files, never a .go file.
    for (const d of readdirSync(dir)) {
      for (const name of readdirSync(path.join(dir, d))) expect(name === 'main.go' || /^\.main\.go\.mapsafe-.*\.tmp$/.test(name), name).toBe(true);
    }
  });

  it('leaves a read-only file untouched, with a message', () => {
    const { files } = copies(1);
    const f = files[0]!;
    chmodSync(f, 0o444);
    const r = spawnSync(process.execPath, [bin, '--fix', '--no-cache', f], { encoding: 'utf8' });
    expect(readFileSync(f, 'utf8')).toBe(before);
    expect(statSync(f).mode & 0o777).toBe(0o444);
    expect(r.stderr).toMatch(/read-only/);
    expect(r.status).toBe(1);
  });
});
