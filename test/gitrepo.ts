// A temporary git repository for tests of git-aware modes (--baseline, --new-from-rev):
// `git` runs in it with a fixed identity, `run` runs the built CLI in it with the
// unsafe-map-cast rule only (its findings are stable and cheap).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/version.js';

const bin = join(packageRoot, 'bin', 'mapsafe.js');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

export interface GitRepo {
  /** Set by the test (e.g. in beforeAll) to a fresh temporary directory. */
  dir: string;
  git(...args: string[]): string;
  run(args: string[]): { code: number | null; stdout: string; stderr: string };
}

export function gitRepo(): GitRepo {
  const r: GitRepo = {
    dir: '',
    git: (...args) => execFileSync('git', args, { cwd: r.dir, env: gitEnv, encoding: 'utf8' }),
    run(args) {
      const p = spawnSync(process.execPath, [bin, '--no-cache', '--enable', 'unsafe-map-cast', ...args], { cwd: r.dir, encoding: 'utf8' });
      return { code: p.status, stdout: p.stdout, stderr: p.stderr };
    },
  };
  return r;
}
