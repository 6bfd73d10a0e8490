// Git facts, read with the local git command only (no network): the work tree root, the
// provenance of a SARIF run, and for --new-from-rev the lines added or changed since a
// revision (`git diff --unified=0 REV`, parsed with parse-diff; untracked files are new).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import parseDiff from 'parse-diff';
import type { Diagnostic } from './diagnostic.js';

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The root of the git work tree holding `dir`, or undefined outside one. */
export function gitWorkTree(dir: string): string | undefined {
  const out = git(dir, ['rev-parse', '--show-toplevel'])?.trim();
  return out ? resolve(out) : undefined;
}

export interface Provenance {
  repositoryUri: string;
  revisionId?: string;
}

/** A remote URL as a URI without credentials: scp-like `git@host:o/r.git` becomes ssh://. */
export function remoteToUri(remote: string): string | undefined {
  const r = remote.trim();
  if (r === '') return undefined;
  const scp = /^([^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(r);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(r)) return `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}`;
  try {
    const u = new URL(r);
    if (u.protocol === 'file:') return u.href;
    if (u.protocol === 'ssh:') u.password = '';
    else {
      u.username = '';
      u.password = '';
    }
    return u.href;
  } catch {
    return undefined;
  }
}

/** repositoryUri (origin) and HEAD of the work tree at `root`; undefined without an origin remote. */
export function gitProvenance(root: string): Provenance | undefined {
  const remote = git(root, ['remote', 'get-url', 'origin']);
  const uri = remote === undefined ? undefined : remoteToUri(remote);
  if (uri === undefined) return undefined;
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD'])?.trim();
  return head ? { repositoryUri: uri, revisionId: head } : { repositoryUri: uri };
}

/** Per absolute file: the 1-based lines added or changed; `'all'` for a new or untracked file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

export class GitError extends Error {}

/** Parses `git diff --unified=0` output; paths are resolved against `root`. */
export function changedLinesFromDiff(diff: string, root: string): ChangedLines {
  const out: ChangedLines = new Map();
  for (const file of parseDiff(diff)) {
    if (file.deleted || !file.to || file.to === '/dev/null') continue;
    const path = resolve(root, file.to);
    if (file.new) {
      out.set(path, 'all');
      continue;
    }
    const lines = new Set<number>();
    for (const chunk of file.chunks) for (const c of chunk.changes) if (c.type === 'add') lines.add(c.ln);
    if (lines.size > 0) out.set(path, lines);
  }
  return out;
}

/** Lines added or changed in the work tree since `rev`, untracked files included. */
export function changedSince(rev: string, cwd: string): ChangedLines {
  const root = gitWorkTree(cwd);
  if (root === undefined) throw new GitError('--new-from-rev needs a git work tree');
  if (rev.startsWith('-') || git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) === undefined) {
    throw new GitError(`--new-from-rev: unknown revision "${rev}"`);
  }
  const diff = git(root, ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-renames', '--unified=0', rev, '--']);
  if (diff === undefined) throw new GitError(`--new-from-rev: git diff ${rev} failed`);
  const changed = changedLinesFromDiff(diff, root);
  const untracked = git(root, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z']) ?? '';
  for (const f of untracked.split('\0')) if (f !== '') changed.set(resolve(root, f), 'all');
  return changed;
}

/** The diagnostics whose first line is added or changed. */
export function onChangedLines(diagnostics: readonly Diagnostic[], changed: ChangedLines): Diagnostic[] {
  return diagnostics.filter((d) => {
    const lines = changed.get(d.location.file);
    return lines === 'all' || (lines !== undefined && lines.has(d.location.range.start.line + 1));
  });
}
