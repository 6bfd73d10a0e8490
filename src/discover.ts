// Discovery: command-line arguments -> the .go files to scan, like the go tool reads them.
//
//   file.go    the file's whole directory is scanned (the package supplies types and locks),
//              but only the named files are reported (`reportOnly`)
//   dir        that directory's package only, not its subdirectories
//   dir/...    dir and every directory below it (`./...` for the current tree)
//
// Walks honour .gitignore files (from the enclosing git work tree down, nested ones
// included), skip `vendor`, `testdata` and directories whose name starts with `.` or `_`
// unless an argument names them, skip files whose name starts with `.` or `_`, and do not
// follow symlinked directories (a symlink named *.go is listed as a file; if it cannot be
// read, the scan reports a read error for it and goes on). A symlinked file found in a
// directory is read only if it resolves inside the directory tree being scanned: one that
// leads out of it is skipped with a notification, so a scan reads only under its arguments.
//
// The file system calls are synchronous: on local disks each costs a few microseconds,
// against tens for a promise round trip through libuv's thread pool, and a walk makes
// thousands of them one after the other.
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import type { Notification } from './diagnostic.js';

export interface DiscoverOptions {
  cwd: string;
  /** Include `_test.go` files (false with --no-tests); files named explicitly are always included. */
  includeTests: boolean;
}

export interface DiscoverResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Set when a .go file was named as an argument: the files whose diagnostics are reported. */
  reportOnly?: Set<string>;
  /** One line per argument that could not be used ("x: no such file or directory"). */
  errors: string[];
  /** Files found but not scanned (symlinks that lead out of the scanned tree). */
  skipped: Notification[];
}

const RECURSIVE = '/...';

// require, not import: Node's ESM loader takes 4-5 times longer to wrap a CommonJS package.
const ignore = createRequire(import.meta.url)('ignore') as typeof import('ignore');

export async function discover(args: string[], opts: DiscoverOptions): Promise<DiscoverResult> {
  const files = new Set<string>();
  const reported = new Set<string>();
  const errors: string[] = [];
  const skipped: Notification[] = [];
  let namedFile = false;
  const ignores = new GitIgnores();

  for (const arg of args.length > 0 ? args : ['.']) {
    const recursive = arg === '...' || arg.endsWith(RECURSIVE);
    const pathArg = arg === '...' ? '.' : recursive ? arg.slice(0, -RECURSIVE.length) || '/' : arg;
    if (pathArg.includes('...')) {
      errors.push(`${arg}: unsupported pattern (use a directory, a file, or dir/...)`);
      continue;
    }
    const path = resolve(opts.cwd, pathArg);
    const info = statOrUndefined(path);
    if (!info) {
      errors.push(`${arg}: no such file or directory`);
      continue;
    }
    if (info.isDirectory()) {
      const inside = new Tree(path, skipped);
      let found = recursive
        ? walk(path, opts, ignores, inside)
        : packageFiles(path, listDir(path), opts, ignores.forDir(path), inside);
      // A directory that holds no package of its own (a repository or GOROOT/src root) is
      // walked as dir/...: nobody names such a directory to scan nothing.
      if (!recursive && found.length === 0) found = walk(path, opts, ignores, inside);
      for (const f of found) {
        files.add(f);
        reported.add(f);
      }
    } else if (recursive) {
      errors.push(`${arg}: not a directory`);
    } else if (!isGoFileName(basename(path))) {
      errors.push(`${arg}: not a .go file or a directory`);
    } else {
      namedFile = true;
      files.add(path);
      reported.add(path);
      const inside = new Tree(dirname(path), skipped);
      for (const f of packageFiles(dirname(path), listDir(dirname(path)), opts, ignores.forDir(dirname(path)), inside)) files.add(f);
    }
  }

  const result: DiscoverResult = { files: [...files].sort(compareStrings), errors, skipped: dedupe(skipped).filter((n) => !files.has(n.file)) };
  if (namedFile) result.reportOnly = reported;
  return result;
}

function statOrUndefined(path: string): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // permission denied, a symlink loop...
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(ns: Notification[]): Notification[] {
  const seen = new Set<string>();
  return ns.filter((n) => !seen.has(n.file) && !!seen.add(n.file)).sort((a, b) => compareStrings(a.file, b.file));
}

/** The tree an argument names: symlinked files must resolve inside it to be read. */
class Tree {
  private real: string | undefined;
  constructor(private readonly root: string, private readonly skipped: Notification[]) {}

  /** Whether the symlink `path` may be listed (broken links are, so that the scan reports them). */
  admits(path: string): boolean {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      return true;
    }
    if (this.real === undefined) {
      try { this.real = realpathSync(this.root); } catch { this.real = this.root; }
    }
    const rel = relative(this.real, target);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return true;
    this.skipped.push({ kind: 'skipped', file: path, message: `symlink to ${target}, outside the scanned tree: not followed` });
    return false;
  }
}

function isGoFileName(name: string): boolean {
  return name.endsWith('.go');
}

/** Files the go tool would ignore by name alone. */
function skippedFileName(name: string, opts: DiscoverOptions): boolean {
  return name.startsWith('.') || name.startsWith('_') || (!opts.includeTests && name.endsWith('_test.go'));
}

/** Directories a walk does not enter unless an argument names them. */
function skippedDirName(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name.startsWith('.') || name.startsWith('_');
}

function listDir(dir: string): Dirent[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.sort((a, b) => compareStrings(a.name, b.name));
}

/** The .go files of one directory (its package), not descending; `entries` is its listing. */
function packageFiles(dir: string, entries: readonly Dirent[], opts: DiscoverOptions, scope: IgnoreScope, inside: Tree): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (!(e.isFile() || e.isSymbolicLink()) || !isGoFileName(e.name) || skippedFileName(e.name, opts)) continue;
    const path = join(dir, e.name);
    if (scope.ignores(path, false)) continue;
    if (e.isSymbolicLink() && !inside.admits(path)) continue;
    out.push(path);
  }
  return out;
}

/** Depth-first, in sorted order, with an explicit stack (no recursion, however deep the tree); one listing per directory. */
function walk(root: string, opts: DiscoverOptions, ignores: GitIgnores, inside: Tree): string[] {
  const out: string[] = [];
  // A subdirectory's scope is its parent's, extended when its listing shows a .gitignore.
  const stack: Array<{ dir: string; parent: IgnoreScope | null }> = [{ dir: root, parent: null }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { dir, parent } = top;
    const entries = listDir(dir);
    const scope = parent === null ? ignores.forDir(dir) : entries.some((e) => e.name === '.gitignore') ? ignores.extend(parent, dir) : parent;
    out.push(...packageFiles(dir, entries, opts, scope, inside));
    const subs: Array<{ dir: string; parent: IgnoreScope }> = [];
    for (const e of entries) {
      // Dirent.isDirectory() is false for symlinks: symlinked directories are not followed.
      if (!e.isDirectory() || skippedDirName(e.name)) continue;
      const sub = join(dir, e.name);
      if (scope.ignores(sub, true)) continue;
      subs.push({ dir: sub, parent: scope });
    }
    stack.push(...subs.reverse());
  }
  return out;
}

/** The .gitignore rules in force in one directory: those of every .gitignore from the
 * enclosing git work tree's root (or, outside git, the directory itself) down to it. */
class IgnoreScope {
  constructor(private readonly matchers: readonly { dir: string; ig: Ignore }[]) {}

  with(dir: string, ig: Ignore | undefined): IgnoreScope {
    return ig ? new IgnoreScope([...this.matchers, { dir, ig }]) : this;
  }

  /** True when `path` (a file, or a directory when isDir) is excluded; deeper files win, as in git. */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const m of this.matchers) {
      const rel = relative(m.dir, path).split(sep).join('/');
      if (rel === '' || rel.startsWith('..')) continue;
      const r = m.ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}

/** Reads each .gitignore once. */
class GitIgnores {
  private readonly cache = new Map<string, Ignore | undefined>();

  /** The scope of a directory named by an argument: its ancestors' .gitignore files apply. */
  forDir(dir: string): IgnoreScope {
    const top = workTreeRoot(dir);
    const chain: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      chain.unshift(d);
      if (d === top || dirname(d) === d) break;
    }
    let scope = new IgnoreScope([]);
    for (const d of chain.slice(0, -1)) scope = this.extend(scope, d);
    // A directory named explicitly is scanned even if ignored: then the rules that ignore
    // it (which would ignore everything below it too) do not apply inside it.
    if (scope.ignores(dir, true)) scope = new IgnoreScope([]);
    return this.extend(scope, dir);
  }

  /** The scope of `dir`, a subdirectory of the directory whose scope is `parent`. */
  extend(parent: IgnoreScope, dir: string): IgnoreScope {
    return parent.with(dir, this.load(dir));
  }

  private load(dir: string): Ignore | undefined {
    if (this.cache.has(dir)) return this.cache.get(dir);
    let ig: Ignore | undefined;
    try {
      ig = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
    } catch {
      ig = undefined;
    }
    this.cache.set(dir, ig);
    return ig;
  }
}

/** The nearest ancestor holding `.git` (a directory, or a file in worktrees), else `dir`. */
function workTreeRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (statOrUndefined(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}
