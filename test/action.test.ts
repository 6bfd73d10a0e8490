// action.yml, the composite GitHub Action: its shape, and its run step executed with bash as
// the runner would (inputs in the environment), against the built command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formats } from '../src/report/index.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'mapsafe.js');

interface Step { name?: string; id?: string; uses?: string; with?: Record<string, unknown>; run?: string; shell?: string; env?: Record<string, string>; 'working-directory'?: string }
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((s) => s.id === 'mapsafe')!;

/** Long flags the CLI accepts, from its --help. */
function cliFlags(): Set<string> {
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
  return new Set([...help.matchAll(/(?:^|[ ,])(--[a-z][a-z-]*)/gm)].map((m) => m[1]!));
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mapsafe-action-'));
  writeFileSync(join(tmp, 'go.mod'), 'module example.com/p\n\ngo 1.23\n');
  writeFileSync(
    join(tmp, 'cast.go'),
    'package p\n\nimport "unsafe"\n\nfunc Count(m map[string]int) int {\n\treturn *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))\n}\n',
  );
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Runs the action's run step as the runner does (`bash --noprofile --norc -eo pipefail`), inputs in the environment. */
function runAction(inputs: Record<string, string>) {
  const value = (name: string) => inputs[name] ?? action.inputs[name]!.default ?? '';
  const output = join(tmp, `github-output-${Object.values(inputs).join('-').replace(/[^a-z0-9-]/gi, '_')}`);
  writeFileSync(output, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', runStep.run!], {
    cwd: tmp,
    encoding: 'utf8',
    env: {
      ...process.env,
      GITHUB_OUTPUT: output,
      MAPSAFE_BIN: bin,
      MAPSAFE_PATHS: value('paths'),
      MAPSAFE_ARGS: value('args'),
      MAPSAFE_FORMAT: value('format'),
      MAPSAFE_SARIF_FILE: value('sarif-file'),
      MAPSAFE_CATEGORY: value('category'),
    },
  });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'category', 'format', 'paths', 'sarif-file']);
    expect(action.inputs.paths!.default).toBe('./...');
    expect(action.inputs['sarif-file']!.default).toBe('mapsafe.sarif');
    expect(action.inputs.format!.default).toBe('sarif');
    expect(action.outputs['sarif-file']!.value).toBe('${{ steps.mapsafe.outputs.sarif-file }}');
  });

  it('sets up Node 20 and installs its own package with npm ci in the action path', () => {
    const [setup, install] = action.runs.steps;
    expect(setup!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(String(setup!.with!['node-version'])).toBe('20');
    expect(install!['working-directory']).toBe('${{ github.action_path }}');
    expect(install!.run).toMatch(/^npm ci\b/);
    expect(runStep.env!.MAPSAFE_BIN).toBe('${{ github.action_path }}/bin/mapsafe.js');
  });

  it('passes inputs through the environment only, and uses real CLI flags and formats', () => {
    expect(runStep.run).not.toContain('${{');
    for (const [name, value] of Object.entries(runStep.env!)) {
      if (name !== 'MAPSAFE_BIN') expect(value).toBe(`\${{ inputs.${name.slice('MAPSAFE_'.length).toLowerCase().replace(/_/g, '-')} }}`);
    }
    const flags = cliFlags();
    const used = [...runStep.run!.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
    expect(used).toContain('--format');
    expect(used.filter((f) => !flags.has(f))).toEqual([]);
    for (const f of ['sarif', 'github']) expect(formats).toContain(f);
  });

  it('writes SARIF and does not fail on findings (exit code 1)', () => {
    const r = runAction({ category: 'go-maps' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ 'sarif-file': 'mapsafe.sarif', findings: 'true' });
    const sarif = JSON.parse(readFileSync(join(tmp, 'mapsafe.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[]; automationDetails?: { id: string } }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['unsafe-map-cast']);
    expect(sarif.runs[0]!.automationDetails?.id).toMatch(/^go-maps/);
  });

  it('emits annotations and fails on findings with format github', () => {
    const r = runAction({ format: 'github', paths: '.' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error .*file=cast\.go,line=6/m);
    expect(r.outputs).toEqual({ findings: 'true' });
  });

  it('passes extra args, and fails on usage errors and unknown formats', () => {
    const clean = runAction({ args: '--disable unsafe-map-cast,cgo-hmap-offset', 'sarif-file': 'clean.sarif' });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.outputs.findings).toBe('false');
    expect(existsSync(join(tmp, 'clean.sarif'))).toBe(true);
    expect(runAction({ args: '--enable no-such-rule' }).code).toBe(2);
    const bad = runAction({ format: 'xml' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('::error title=mapsafe::format must be sarif or github');
  });
});

describe('README snippets', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

  it('the workflow uses the action with real inputs, real flags, and uploads its SARIF file', () => {
    const workflows = blocks('yaml').map((b) => parse(b) as { jobs?: Record<string, { steps: Step[] }> });
    const steps = workflows.flatMap((w) => Object.values(w.jobs ?? {})).find((j) => j.steps.some((s) => s.uses?.startsWith('mapsafe/')))!.steps;
    const mapsafe = steps.find((s) => s.uses?.startsWith('mapsafe/'))!;
    for (const key of Object.keys(mapsafe.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(String(mapsafe.with!.args)).toContain("format('--new-from-rev {0}', github.event.pull_request.base.sha)");
    expect(cliFlags()).toContain('--new-from-rev');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe(action.inputs['sarif-file']!.default);
    expect(steps[0]!.with!['fetch-depth']).toBe(0);
  });

  it('the pre-commit config names the hook this repository defines', () => {
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; types: string[]; require_serial: boolean; entry: string }[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'mapsafe', entry: 'mapsafe', language: 'node', types: ['go'], require_serial: true })]);
    const config = blocks('yaml').map((b) => parse(b) as { repos?: { hooks: { id: string }[] }[] }).find((c) => c.repos)!;
    expect(config.repos![0]!.hooks.map((h) => h.id)).toEqual(['mapsafe']);
  });

  it("the VS Code problem matcher reads the text format's findings, not their related lines", () => {
    const tasks = JSON.parse(blocks('json').find((b) => b.includes('problemMatcher'))!) as {
      tasks: { problemMatcher: { pattern: { regexp: string; file: number; line: number; column: number; message: number; code: number } } }[];
    };
    const p = tasks.tasks[0]!.problemMatcher.pattern;
    const text = spawnSync(process.execPath, [bin, join(root, 'testdata', 'demo')], { cwd: root, encoding: 'utf8' }).stdout;
    const lines = text.split('\n').filter(Boolean);
    const findings = lines.filter((l) => !l.startsWith('\t'));
    expect(findings.length).toBeGreaterThan(0);
    const re = new RegExp(p.regexp);
    for (const l of lines) {
      const m = re.exec(l);
      if (l.startsWith('\t')) {
        expect(m, l).toBeNull();
        continue;
      }
      expect(m, l).not.toBeNull();
      expect(m![p.file]).toMatch(/^testdata\/demo\/\w+\.go$/);
      expect(Number(m![p.line])).toBeGreaterThan(0);
      expect(Number(m![p.column])).toBeGreaterThan(0);
      expect(m![p.code]).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(l).toBe(`${m![p.file]}:${m![p.line]}:${m![p.column]}: ${m![p.message]} [${m![p.code]}]`);
    }
  });
});
