// A real editor as the language server's client: headless Neovim (0.7+, its built-in LSP
// client) runs test/nvim/lsp.lua against `node bin/mapsafe.js lsp` (compiled by `npm test`'s
// tsc step) and writes what it saw to a JSON file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleDocUrl } from '../src/lsp/convert.js';

const root = join(import.meta.dirname, '..');
const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvimVersion.status === 0;
if (process.env.CI === 'true' && !haveNvim) {
  throw new Error('nvim is not installed (with CI=true .ci/run installs it: apt-get install neovim)');
}

const racy = `package nv

import "unsafe"

func Count(m map[string]int) int {
	return *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
}
`;

interface NvimReport {
  attached: boolean;
  got_diagnostics: boolean;
  diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string; code: string; href: string }[];
  code_actions: unknown[];
  code_action_responses: number;
  cleared: boolean;
  errors: string[];
}

let tmp: string | undefined;
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Runs test/nvim/<script> in headless Neovim with `env`; returns the JSON it wrote to MAPSAFE_OUT. */
function runNvim<T>(script: string, cwd: string, env: Record<string, string>): T {
  const out = join(tmp!, `${script}.json`);
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(root, 'test', 'nvim', script)}`], {
    cwd,
    encoding: 'utf8',
    timeout: 50_000,
    env: { ...process.env, ...env, MAPSAFE_OUT: out },
  });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

const title = haveNvim ? `Neovim as the client (${nvimVersion.stdout.split('\n')[0]})` : 'Neovim as the client (skipped: nvim is not installed; CI=true fails instead)';

describe.skipIf(!haveNvim)(title, () => {
  it('shows diagnostics, answers code actions, and clears them when the buffer is fixed', { timeout: 60_000 }, () => {
    tmp ??= mkdtempSync(join(tmpdir(), 'mapsafe-nvim-'));
    const file = join(tmp, 'racy.go');
    writeFileSync(file, racy);
    const report = runNvim<NvimReport>('lsp.lua', tmp, { MAPSAFE_NODE: process.execPath, MAPSAFE_BIN: join(root, 'bin', 'mapsafe.js'), MAPSAFE_FILE: file });
    expect(report.errors).toEqual([]);
    expect(report.attached).toBe(true);
    expect(report.got_diagnostics).toBe(true);
    expect(report.diagnostics).toEqual([
      {
        lnum: 5,
        col: 17,
        end_lnum: 5,
        end_col: 54,
        severity: 1,
        source: 'mapsafe',
        code: 'unsafe-map-cast',
        href: ruleDocUrl('unsafe-map-cast'),
        message: expect.stringMatching(/^map m is reinterpreted through unsafe\.Pointer/),
      },
    ]);
    expect(report.code_action_responses).toBe(1);
    for (const a of report.code_actions as { kind: string }[]) expect(a.kind).toBe('quickfix');
    expect(report.cleared).toBe(true);
  });

  it("reads the text format into the quickfix list with README's errorformat", { timeout: 60_000 }, () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const efm = /errorformat=((?:\\ |[^\s\\])+)/.exec(readme)![1]!.replace(/\\ /g, ' ');
    expect(efm).toBe('%f:%l:%c: %m');
    tmp ??= mkdtempSync(join(tmpdir(), 'mapsafe-nvim-'));
    const text = spawnSync(process.execPath, [join(root, 'bin', 'mapsafe.js'), 'testdata/demo'], { cwd: root, encoding: 'utf8' }).stdout;
    const reportFile = join(tmp, 'report.txt');
    writeFileSync(reportFile, text);
    const entries = runNvim<{ valid: number; lnum: number; col: number; text: string; file: string }[]>('errorformat.lua', root, { MAPSAFE_EFM: efm, MAPSAFE_REPORT: reportFile });
    const lines = text.split('\n').filter(Boolean);
    expect(entries.length).toBe(lines.length);
    entries.forEach((e, i) => {
      // Findings and their tab-indented related locations alike: file, line, column, message.
      const [, file, line, col, message] = /^\t?(.*?):(\d+):(\d+): (.*)$/.exec(lines[i]!)!;
      expect(e).toEqual({ valid: 1, file, lnum: Number(line), col: Number(col), text: message });
    });
    expect(entries.some((e) => / \[unsafe-map-cast\]$/.test(e.text))).toBe(true);
  });
});
