// The pre-commit hook (.pre-commit-hooks.yaml) installed and run by the real pre-commit, as a
// user's repository would: pre-commit clones this repository, `npm install`s it (our
// postinstall compiles dist/), `npm pack`s it and installs the tarball into its own node
// environment (packages come from the npm registry: needs the network). The clone is of the
// current working tree, committed into a temporary repository, because try-repo installs a
// commit, not the working tree.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const inCi = process.env.CI === 'true';
const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (inCi && !havePreCommit) {
  throw new Error('pre-commit is not installed (with CI=true .ci/run installs it: apt-get install pre-commit)');
}

const racy = `package pkg

import "unsafe"

func Count(m map[string]int) int {
	return *(*int)(*(*unsafe.Pointer)(unsafe.Pointer(&m)))
}
`;
const clean = `package pkg

func Len(m map[string]int) int { return len(m) }
`;

let tmp: string;
let hookRepo: string;
let project: string;

/** Environment for pre-commit and git: no npm_* variables inherited from `npm test`, a private pre-commit cache. */
function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) e[k] = v;
  return {
    ...e,
    PRE_COMMIT_HOME: join(tmp, 'pre-commit-home'),
    GIT_AUTHOR_NAME: 'mapsafe test',
    GIT_AUTHOR_EMAIL: 'test@mapsafe.invalid',
    GIT_COMMITTER_NAME: 'mapsafe test',
    GIT_COMMITTER_EMAIL: 'test@mapsafe.invalid',
  };
}

function sh(cmd: string, args: string[], cwd: string, opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: env(), ...opts });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

function git(args: string[], cwd: string): string {
  const r = sh('git', args, cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** A new git repository holding this repository's working tree (tracked and untracked, not ignored files), committed. */
function snapshotOfWorkingTree(dest: string): void {
  mkdirSync(dest, { recursive: true });
  git(['init', '-q'], dest);
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root).split('\0').filter(Boolean);
  for (const f of new Set(files)) {
    const from = join(root, f);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree, or a submodule
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(from, join(dest, f));
  }
  git(['add', '-A'], dest);
  git(['commit', '-q', '-m', 'working tree of mapsafe'], dest);
}

function tryRepo(file: string) {
  return sh('pre-commit', ['try-repo', hookRepo, 'mapsafe', '--verbose', '--files', file], project, { timeout: 280_000 });
}

const title = havePreCommit ? 'pre-commit hook (real pre-commit)' : 'pre-commit hook (skipped: pre-commit is not installed; CI=true fails instead)';

describe.skipIf(!havePreCommit)(title, () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'mapsafe-precommit-'));
    hookRepo = join(tmp, 'mapsafe');
    snapshotOfWorkingTree(hookRepo);
    project = join(tmp, 'project');
    mkdirSync(join(project, 'pkg'), { recursive: true });
    writeFileSync(join(project, 'pkg', 'racy.go'), racy);
    writeFileSync(join(project, 'pkg', 'clean.go'), clean);
    git(['init', '-q'], project);
    git(['add', '-A'], project);
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('installs from a clone and blocks a file with a finding, printing it', { timeout: 300_000 }, () => {
    const r = tryRepo('pkg/racy.go');
    expect(r.stdout + r.stderr).not.toMatch(/An unexpected error has occurred/);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/mapsafe\.+Failed/);
    expect(r.stdout).toMatch(/^pkg\/racy\.go:6:18: map m is reinterpreted through unsafe\.Pointer .*\[unsafe-map-cast\]$/m);
  });

  it('passes a clean file of the same package: the whole package is analysed, only the named file reported', { timeout: 300_000 }, () => {
    const r = tryRepo('pkg/clean.go');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mapsafe\.+Passed/);
    expect(r.stdout).not.toContain('racy.go');
  });
});
